import type { Random } from '../../src/shared/testing/random.mjs'
export type { Random }

export interface GeneratedCard {
  /** Relative path with `/` separators: `feed-NN-topic/YYYY-MM-DD-slug-N.md`. */
  path: string
  text: string
}

export { createRandom } from '../../src/shared/testing/random.mjs'
export function quote(text: string, escapeUnicode?: boolean): string
export function generateCard(random: Random, index: number, feeds?: number, shape?: CardShape, neighbours?: Neighbours | null): GeneratedCard & { webUrl: string }
export function generateCards(options: { count: number; seed?: number; shape?: CardShape }): Generator<GeneratedCard>

/** 'real': FORMAT.md's related lists (mean ~24 items); 'light': the 684 light real cards. */
export type CardShape = 'real' | 'light'

export interface Neighbours {
  add(feed: number, source: unknown): void
  pick(feed: number, random: Random): unknown
}
export function createNeighbours(size?: number): Neighbours
