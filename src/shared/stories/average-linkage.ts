// Splits one connected group of similar cards into stories by average
// linkage: two groups merge only when their cards are similar on average, so a
// chain of weak links (A like B, B like C, A unlike C) does not make one story.

export interface LinkageMember {
  timeMs: number
}

export interface LinkageOptions {
  /** Two groups merge when their mean pairwise similarity reaches this. */
  threshold: number
  /** A story never spans more than this from first to latest card. */
  maxSpanMs: number
}

/**
 * Members must come in a fixed order (the caller sorts them) so ties break the
 * same way every time. `similarity(i, j)` is called once per pair. Returns
 * groups of member indexes.
 */
export function averageLinkage(members: readonly LinkageMember[], similarity: (i: number, j: number) => number, options: LinkageOptions): number[][] {
  const n = members.length
  const sums: Float64Array[] = members.map(() => new Float64Array(n))
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = similarity(i, j)
      sums[i][j] = value
      sums[j][i] = value
    }
  }
  const groups: (number[] | null)[] = members.map((_, i) => [i])
  const first = members.map((member) => member.timeMs)
  const latest = members.map((member) => member.timeMs)
  for (;;) {
    let best = -1
    let bestA = -1
    let bestB = -1
    for (let a = 0; a < n; a++) {
      const groupA = groups[a]
      if (groupA === null) continue
      for (let b = a + 1; b < n; b++) {
        const groupB = groups[b]
        if (groupB === null || sums[a][b] <= 0) continue
        const mean = sums[a][b] / (groupA.length * groupB.length)
        if (mean < options.threshold || mean <= best) continue
        if (Math.max(latest[a], latest[b]) - Math.min(first[a], first[b]) > options.maxSpanMs) continue
        best = mean
        bestA = a
        bestB = b
      }
    }
    if (bestA < 0) break
    groups[bestA]!.push(...groups[bestB]!)
    groups[bestB] = null
    first[bestA] = Math.min(first[bestA], first[bestB])
    latest[bestA] = Math.max(latest[bestA], latest[bestB])
    for (let k = 0; k < n; k++) {
      sums[bestA][k] += sums[bestB][k]
      sums[k][bestA] = sums[bestA][k]
    }
  }
  return groups.filter((group): group is number[] => group !== null).map((group) => group.sort((x, y) => x - y))
}
