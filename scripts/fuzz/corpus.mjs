// The real cards in ../shared/cards, read where they are at run time (never
// copied into the project): every *.md below real/, related-heavy/ and seed/.
import { existsSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

/** --cards DIR, else $TIDINGS_FUZZ_CARDS, else ../shared/cards beside the worktree. */
export function cardsRoot(given) {
  const root = resolve(given ?? process.env.TIDINGS_FUZZ_CARDS ?? join(REPO_ROOT, '..', 'shared', 'cards'))
  if (!existsSync(root)) throw new Error(`no real cards at ${root}: pass --cards DIR (the folder holding real/, related-heavy/ and seed/)`)
  return root
}

export function listRealCards(root) {
  const found = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative(root, path))
    }
  }
  walk(root)
  if (found.length === 0) throw new Error(`no *.md cards below ${root}`)
  return found.sort()
}

/** A seeded Fisher-Yates shuffle of a copy. */
export function shuffled(random, list) {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
