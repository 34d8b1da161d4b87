// YAML aliases let a few lines describe an exponential tree (a "billion
// laughs"), or one big string repeated thousands of times. js-yaml shares the
// aliased values, so parsing is cheap; copying or serialising the result is not
// (a 1 MB card repeating a 1 MB string 2,000 times serialises to 2 GB). Count
// every node and every string's length as often as they are reached, shared
// references included, and give up past either budget.

/** Always allowed, whatever the file's size. */
export const BASE_NODE_BUDGET = 200_000

/**
 * What a card's values may add up to once aliases are expanded: strings and keys, counted in
 * UTF-16 code units (one per byte for ASCII). Without aliases a card under the 4 MB file cap
 * can never reach it.
 */
export const EXPANDED_SIZE_BUDGET = 16 * 1024 * 1024

/**
 * Without aliases a YAML text cannot hold more nodes than characters, so a
 * budget of base + source length never refuses an honest file.
 */
export function nodeBudgetFor(sourceLength: number): number {
  return BASE_NODE_BUDGET + sourceLength
}

export type BudgetExcess = 'nodes' | 'size' | null

/** Which budget walking `value` breaks first, if any (cycles always break the node budget). */
export function exceededBudget(value: unknown, nodeBudget: number, sizeBudget = EXPANDED_SIZE_BUDGET): BudgetExcess {
  const pending: unknown[] = [value]
  let reached = 1
  let size = 0
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node === 'string') {
      size += node.length
      if (size > sizeBudget) return 'size'
      continue
    }
    if (typeof node !== 'object' || node === null || node instanceof Date || ArrayBuffer.isView(node)) continue
    let children: unknown[]
    if (Array.isArray(node)) children = node
    else {
      children = Object.values(node)
      for (const key of Object.keys(node)) size += key.length
      if (size > sizeBudget) return 'size'
    }
    reached += children.length
    if (reached > nodeBudget) return 'nodes'
    for (const child of children) pending.push(child)
  }
  return null
}
