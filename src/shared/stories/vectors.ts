// TF-IDF vectors with the document frequencies frozen in a snapshot. Live
// frequencies move with every card; if weights followed them, one added card
// would shift the similarity of every pair sharing its words, so no change
// could stay local. The snapshot is retaken when the folder's size has moved
// by a quarter (a full rebuild, rare and off the UI thread).
import { eachWord, isStopWord } from './terms'

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

/** One distinct word met in any card, looked up once per occurrence: a first build meets words millions of times. */
interface Term {
  word: string
  stop: boolean
  /** Handed out when the term is first weighed, in the order cards are weighed; never reused. -1 before. */
  number: number
  /** Cards that hold the term now. */
  liveFrequency: number
  idf: number
  /** Rare enough to find candidates by (see weigh). */
  rare: boolean
  /** The snapshot idf and rare were computed for. */
  generation: number
  /** The card that last met the term while counting, and the term's place in TermBags: a card's words are counted without a map per card. */
  card: number
  slot: number
  /** Its weight in the card being weighed. */
  weight: number
}

/**
 * Cards' distinct terms, each card's in the order first met (title, then
 * excerpt), and their counts: card i's from starts[i] to starts[i + 1]. One
 * flat list for all the cards of a first build, not two arrays per card that
 * the young generation would copy until the build ends.
 */
export interface TermBags {
  terms: Term[]
  counts: number[]
  starts: number[]
}

const NO_BAGS: TermBags = { terms: [], counts: [], starts: [0] }

const precedes = (a: Term, b: Term): boolean => a.idf > b.idf || (a.idf === b.idf && a.word < b.word)

/** Every term of the clustering: its number, its live document frequency and its weight under the current snapshot. */
export class TermTable {
  private readonly byWord = new Map<string, Term>()
  private readonly byNumber: Term[] = []
  private snapshot: IdfSnapshot = { cardCount: 0, documentFrequency: new Map() }
  private generation = 0
  private rareCap = 0
  private cardStamp = 0
  private bags = NO_BAGS
  private readonly countWord = (word: string, weight: number): void => {
    let term = this.byWord.get(word)
    if (term === undefined) {
      term = { word, stop: isStopWord(word), number: -1, liveFrequency: 0, idf: 0, rare: false, generation: -1, card: -1, slot: 0, weight: 0 }
      this.byWord.set(word, term)
    }
    if (term.stop) return
    if (term.card === this.cardStamp) {
      this.bags.counts[term.slot] += weight
      return
    }
    term.card = this.cardStamp
    term.slot = this.bags.terms.length
    this.bags.terms.push(term)
    this.bags.counts.push(weight)
  }

  /** The terms of each card: the title's words twice, the excerpt's once (as termCountsOf). */
  bagsOf(cards: readonly { title: string; excerpt: string }[]): TermBags {
    const bags: TermBags = { terms: [], counts: [], starts: [0] }
    this.bags = bags
    for (const card of cards) {
      this.cardStamp++
      eachWord(card.title, 2, this.countWord)
      eachWord(card.excerpt, 1, this.countWord)
      bags.starts.push(bags.terms.length)
    }
    // The table must not keep a first build's bags alive.
    this.bags = NO_BAGS
    return bags
  }

  /** Adds (1) or takes away (-1) card `card`'s terms from the live document frequencies. */
  count(bags: TermBags, card: number, delta: number): void {
    for (let i = bags.starts[card]; i < bags.starts[card + 1]; i++) bags.terms[i].liveFrequency += delta
  }

  /** The live document frequencies, frozen. */
  takeSnapshot(cardCount: number): IdfSnapshot {
    const documentFrequency = new Map<string, number>()
    for (const term of this.byWord.values()) if (term.liveFrequency > 0) documentFrequency.set(term.word, term.liveFrequency)
    return { cardCount, documentFrequency }
  }

  useSnapshot(snapshot: IdfSnapshot): void {
    this.snapshot = snapshot
    this.generation++
    this.rareCap = Math.max(64, snapshot.cardCount * 0.02)
  }

  /**
   * A card's vector, and its candidate keys: the numbers of its rarest few
   * terms (two cards are compared only when they share one). Rare is judged by
   * the snapshot, so the keys of a card never change until the snapshot does.
   */
  weigh(bags: TermBags, card: number, keyLimit: number): { vector: TermVector; keys: number[] } {
    const from = bags.starts[card]
    const count = bags.starts[card + 1] - from
    const terms = new Int32Array(count)
    const rarest: Term[] = []
    for (let i = 0; i < count; i++) {
      const term = bags.terms[from + i]
      if (term.number < 0) {
        term.number = this.byNumber.length
        this.byNumber.push(term)
      }
      this.refresh(term)
      term.weight = (1 + Math.log(bags.counts[from + i])) * term.idf
      terms[i] = term.number
      if (term.rare) keepRarest(rarest, term, keyLimit)
    }
    terms.sort()
    // Summed in term order, as the weights are stored: the same norm to the last bit whatever order words came in.
    let norm = 0
    for (let i = 0; i < count; i++) norm += this.byNumber[terms[i]].weight * this.byNumber[terms[i]].weight
    norm = Math.sqrt(norm)
    const weights = new Float32Array(count)
    for (let i = 0; i < count; i++) {
      const weight = this.byNumber[terms[i]].weight
      weights[i] = norm > 0 ? weight / norm : weight
    }
    return { vector: { terms, weights }, keys: rarest.map((term) => term.number) }
  }

  private refresh(term: Term): void {
    if (term.generation === this.generation) return
    const df = this.snapshot.documentFrequency.get(term.word) ?? 0
    term.idf = Math.log((this.snapshot.cardCount + 1) / (df + 1)) + 1
    term.rare = df <= this.rareCap
    term.generation = this.generation
  }
}

/** Inserts `term` into `rarest` (highest idf first, then by word) if it is among the `limit` rarest. */
function keepRarest(rarest: Term[], term: Term, limit: number): void {
  if (limit <= 0 || (rarest.length === limit && !precedes(term, rarest[limit - 1]))) return
  let at = Math.min(rarest.length, limit - 1)
  while (at > 0 && precedes(term, rarest[at - 1])) at--
  if (rarest.length === limit) rarest.pop()
  rarest.splice(at, 0, term)
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
