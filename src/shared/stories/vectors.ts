// TF-IDF vectors with the document frequencies frozen in a snapshot. Live
// frequencies move with every card; if weights followed them, one added card
// would shift the similarity of every pair sharing its words, so no change
// could stay local. The snapshot is retaken when the folder's size has moved
// by a quarter (a full rebuild, rare and off the UI thread).

export interface IdfSnapshot {
  /** Cards counted when the snapshot was taken. */
  cardCount: number
  documentFrequency: ReadonlyMap<string, number>
}


/** A unit-length sparse vector over term numbers, sorted so two vectors meet in one pass of integer compares. */
export interface TermVector {
  terms: Int32Array
  weights: Float32Array
}

interface TermInfo {
  /** Handed out once per clustering and never reused. */
  number: number
  idf: number
  /** Rare enough to find candidates by (see weighTerms). */
  rare: boolean
  /** The snapshot the two above were computed for. */
  generation: number
}

/**
 * Each term's number and weight under the current snapshot, looked up once
 * per term and card: a first build meets each term millions of times.
 */
export class TermTable {
  private readonly terms = new Map<string, TermInfo>()
  private snapshot: IdfSnapshot
  private generation = 0
  private rareCap = 0

  constructor(snapshot: IdfSnapshot) {
    this.snapshot = snapshot
    this.useSnapshot(snapshot)
  }

  useSnapshot(snapshot: IdfSnapshot): void {
    this.snapshot = snapshot
    this.generation++
    this.rareCap = Math.max(64, snapshot.cardCount * 0.02)
  }

  info(term: string): TermInfo {
    let info = this.terms.get(term)
    if (info === undefined) {
      info = { number: this.terms.size, idf: 0, rare: false, generation: -1 }
      this.terms.set(term, info)
    }
    if (info.generation !== this.generation) {
      const df = this.snapshot.documentFrequency.get(term) ?? 0
      info.idf = Math.log((this.snapshot.cardCount + 1) / (df + 1)) + 1
      info.rare = df <= this.rareCap
      info.generation = this.generation
    }
    return info
  }
}

/**
 * A card's vector, and its candidate keys: the numbers of its rarest few
 * terms (two cards are compared only when they share one). Rare is judged by
 * the snapshot, so the keys of a card never change until the snapshot does.
 */
export function weighTerms(counts: ReadonlyMap<string, number>, table: TermTable, keyLimit: number): { vector: TermVector; keys: number[] } {
  const entries: { term: string; number: number; idf: number; weight: number; rare: boolean }[] = []
  for (const [term, count] of counts) {
    const info = table.info(term)
    entries.push({ term, number: info.number, idf: info.idf, weight: (1 + Math.log(count)) * info.idf, rare: info.rare })
  }
  const keys = entries
    .filter((entry) => entry.rare)
    .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, keyLimit)
    .map((entry) => entry.number)
  entries.sort((a, b) => a.number - b.number)
  const terms = new Int32Array(entries.length)
  const weights = new Float32Array(entries.length)
  let norm = 0
  entries.forEach((entry, i) => {
    terms[i] = entry.number
    norm += entry.weight * entry.weight
  })
  norm = Math.sqrt(norm)
  entries.forEach((entry, i) => (weights[i] = norm > 0 ? entry.weight / norm : entry.weight))
  return { vector: { terms, weights }, keys }
}

export function cosine(a: TermVector, b: TermVector): number {
  let i = 0
  let j = 0
  let sum = 0
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]
    const tb = b.terms[j]
    if (ta === tb) sum += a.weights[i++] * b.weights[j++]
    else if (ta < tb) i++
    else j++
  }
  return sum
}
