// The one seeded PRNG, in plain JavaScript so the scripts (bench, fuzz) and the TypeScript
// tests share it: the same seed gives the same sequence, so a failing random run can be replayed.
/** Small, fast, seedable PRNG (mulberry32). */
export function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  // Index in [0, n) with weight 1/(i+1)^s: a few common, a long tail.
  const zipf = (n, s = 1.1) => {
    const weights = zipfTable(n, s)
    const target = next() * weights[n - 1]
    let low = 0
    let high = n - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if (weights[mid] < target) low = mid + 1
      else high = mid
    }
    return low
  }
  return { next, int, pick, chance, zipf }
}

const zipfTables = new Map()
function zipfTable(n, s) {
  const key = n * 1000 + Math.round(s * 100)
  let table = zipfTables.get(key)
  if (!table) {
    table = new Float64Array(n)
    let sum = 0
    for (let i = 0; i < n; i++) table[i] = sum += 1 / Math.pow(i + 1, s)
    zipfTables.set(key, table)
  }
  return table
}
