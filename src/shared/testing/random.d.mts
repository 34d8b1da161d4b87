export interface Random {
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  pick<T>(list: readonly T[]): T
  chance(probability: number): boolean
  /** An index in [0, n) with weight 1/(i+1)^s: a few common, a long tail. */
  zipf(n: number, s?: number): number
}

/** mulberry32. */
export function createRandom(seed: number): Random
