export interface Random {
  next(): number
  int(min: number, max: number): number
  pick<T>(list: readonly T[]): T
  chance(probability: number): boolean
  zipf(n: number, s?: number): number
}

export interface GeneratedCard {
  /** Relative path with `/` separators: `feed-NN-topic/YYYY-MM-DD-slug-N.md`. */
  path: string
  text: string
}

export function createRandom(seed: number): Random
export function quote(text: string, escapeUnicode?: boolean): string
export function generateCard(random: Random, index: number, feeds?: number): GeneratedCard & { webUrl: string }
export function generateCards(options: { count: number; seed?: number }): Generator<GeneratedCard>
export function writeCardFolder(dir: string, options: { count: number; seed?: number; concurrency?: number }): Promise<{ files: number; bytes: number }>
