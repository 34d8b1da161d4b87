import { createRandom } from './random.mjs'

/** The shared PRNG (random.mjs) as the tests use it: int(n) in [0, n). */
export function seeded(seed: number) {
  const random = createRandom(seed)
  return { int: (n: number) => random.int(0, n - 1), pick: <T>(list: readonly T[]) => random.pick(list) }
}
