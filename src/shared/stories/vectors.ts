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

/** Numbers for terms, handed out once per clustering and never reused. */
export class TermNumbers {
  private readonly numbers = new Map<string, number>()

  of(term: string): number {
    let number = this.numbers.get(term)
    if (number === undefined) {
      number = this.numbers.size
      this.numbers.set(term, number)
    }
    return number
  }
}

export function idfOf(snapshot: IdfSnapshot, term: string): number {
  const df = snapshot.documentFrequency.get(term) ?? 0
  return Math.log((snapshot.cardCount + 1) / (df + 1)) + 1
}

export function vectorOf(counts: ReadonlyMap<string, number>, snapshot: IdfSnapshot, numbers: TermNumbers): TermVector {
  const entries = [...counts].map(([term, count]) => ({ number: numbers.of(term), weight: (1 + Math.log(count)) * idfOf(snapshot, term) }))
  entries.sort((a, b) => a.number - b.number)
  const terms = new Int32Array(entries.length)
  const weights = new Float32Array(entries.length)
  let norm = 0
  entries.forEach((entry, i) => {
    terms[i] = entry.number
    weights[i] = entry.weight
    norm += entry.weight * entry.weight
  })
  norm = Math.sqrt(norm)
  if (norm > 0) entries.forEach((entry, i) => (weights[i] = entry.weight / norm))
  return { terms, weights }
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

/**
 * The rarest few terms of a card: two cards are compared only when they share
 * one. Rare is judged by the snapshot, so the keys of a card never change
 * until the snapshot does.
 */
export function candidateKeysOf(counts: ReadonlyMap<string, number>, snapshot: IdfSnapshot, limit: number): string[] {
  const rareCap = Math.max(64, snapshot.cardCount * 0.02)
  return [...counts.keys()]
    .filter((term) => (snapshot.documentFrequency.get(term) ?? 0) <= rareCap)
    .map((term) => ({ term, idf: idfOf(snapshot, term) }))
    .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit)
    .map((entry) => entry.term)
}
