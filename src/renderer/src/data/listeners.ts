// Listeners of one kind of news, called in the order they were added; a listener removed while
// others are being called still gets this call, not the next.
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>()

  readonly add = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value)
  }
}
