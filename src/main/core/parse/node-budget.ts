// YAML aliases let a few lines describe an exponential tree (a "billion
// laughs"). js-yaml shares the aliased objects, so parsing is cheap; copying or
// serialising the result is not. Count every node as often as it is reached,
// shared references included, and give up past the budget.

/** Always allowed, whatever the file's size. */
export const BASE_NODE_BUDGET = 200_000

/**
 * Without aliases a YAML text cannot hold more nodes than characters, so a
 * budget of base + source length never refuses an honest file.
 */
export function nodeBudgetFor(sourceLength: number): number {
  return BASE_NODE_BUDGET + sourceLength
}

/** True when walking `value` reaches more than `budget` nodes (cycles always do). */
export function exceedsNodeBudget(value: unknown, budget: number): boolean {
  const pending: unknown[] = [value]
  let reached = 1
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null || node instanceof Date || ArrayBuffer.isView(node)) continue
    const children = Array.isArray(node) ? node : Object.values(node)
    reached += children.length
    if (reached > budget) return true
    for (const child of children) pending.push(child)
  }
  return false
}
