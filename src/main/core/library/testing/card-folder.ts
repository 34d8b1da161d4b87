// Test support: real card folders in os.tmpdir() and the cards to fill them with.
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export interface CardSpec {
  title?: string
  url?: string | null
  publishedAt?: string
  related?: number
  /** URL of the card's one image. */
  image?: string
}

/** A valid card file's text. */
export function cardText(spec: CardSpec = {}): string {
  const lines = ['---', `title: "${spec.title ?? 'A card'}"`, `publishedDateTime: ${spec.publishedAt ?? '2024-01-01T10:00:00Z'}`]
  if (spec.url !== null) lines.push(`webUrl: "${spec.url ?? `https://news.example.com/${encodeURIComponent(spec.title ?? 'a-card')}`}"`)
  lines.push('type: article', 'topics:', '  - Testing')
  if (spec.image) lines.push('images:', `  - url: "${spec.image}"`, '    width: 640', '    height: 480')
  if (spec.related) {
    lines.push('related:')
    for (let i = 0; i < spec.related; i++) lines.push(`  - title: "Related ${i}"`, `    webUrl: "https://other.example.org/${i}"`)
  }
  lines.push('---', '')
  return lines.join('\n')
}

export const BROKEN_CARD = '---\ntitle: "unclosed\n  - [\n'

export class CardFolder {
  private constructor(readonly path: string) {}

  static async create(prefix = 'tidings-live-'): Promise<CardFolder> {
    return new CardFolder(await mkdtemp(join(tmpdir(), prefix)))
  }

  abs(relPath: string): string {
    return join(this.path, relPath)
  }

  async write(relPath: string, text: string): Promise<void> {
    await mkdir(dirname(this.abs(relPath)), { recursive: true })
    await writeFile(this.abs(relPath), text)
  }

  /** An editor's save: write a temp file beside the card, then rename it over. */
  async atomicWrite(relPath: string, text: string): Promise<void> {
    const temp = join(dirname(this.abs(relPath)), `.${relPath.split('/').pop()}.swp`)
    await writeFile(temp, text)
    await rename(temp, this.abs(relPath))
  }

  async move(from: string, to: string): Promise<void> {
    await mkdir(dirname(this.abs(to)), { recursive: true })
    await rename(this.abs(from), this.abs(to))
  }

  async remove(relPath: string): Promise<void> {
    await rm(this.abs(relPath), { recursive: true, force: true })
  }

  async dispose(): Promise<void> {
    await rm(this.path, { recursive: true, force: true })
  }
}
