/** A binary min-heap: `before(a, b)` is true when `a` comes out first. */
export class Heap<T> {
  private readonly items: T[] = []

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    const items = this.items
    items.push(item)
    let child = items.length - 1
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!this.before(items[child], items[parent])) break
      ;[items[child], items[parent]] = [items[parent], items[child]]
      child = parent
    }
  }

  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let parent = 0
    for (;;) {
      const left = parent * 2 + 1
      const right = left + 1
      let first = parent
      if (left < items.length && this.before(items[left], items[first])) first = left
      if (right < items.length && this.before(items[right], items[first])) first = right
      if (first === parent) break
      ;[items[parent], items[first]] = [items[first], items[parent]]
      parent = first
    }
    return top
  }

  clear(): void {
    this.items.length = 0
  }
}
