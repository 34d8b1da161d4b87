// The fast path on thousands of seeded mutations of real and generated cards: it either hands over (null)
// or agrees with the reference, and it hands over whenever js-yaml refuses.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRandom, generateCards, type Random } from '../../../../scripts/bench/generate-cards.mjs'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { agrees, reference } from './testing/fast-path-reference'

const realCards = cardFilesIn(sharedCards()).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
const relatedHeavy = realCards.filter((card) => card.path.includes('/related-heavy/'))
const generated = [...generateCards({ count: 400, seed: 20240601 })]

// Tokens that change how YAML reads a line, plus scalars with surprising types.
const INSERTS = [
  '&a ', '*a', '!tag ', '!!str ', '#', ' #c', "'", '\t', '|', '>', '"', '\\', ':', ': ', ' ', '  ', '\n', '\n\n', '- ', '-',
  '[', ']', '{', '}', '?', '? ', '%', '@', '`', ',', '\r', '\r\n', '\u0085', '\u2028', '\uFEFF', '\ud800', '\u00a0', 'é', '😀',
  '---', '\n---', '...', '\n...', '~', '\\u2019', '\\x41', '\\U0001F600', '\\q', '\\"', '\\\n', '\u0000', '\u0007', '<<: '
]
const VALUES = [
  'true', 'False', 'TRUE', '~', 'null', 'Null', '', '-1', '+5', '0', '-0', '00', '012', '0o17', '0x1F', '0b101', '1_000', '1.5',
  '.5', '1e5', '.inf', '-.Inf', '.NaN', '2020-06-03', '2020-06-03 17:45:00 +01:00', '2020-6-3T1:02:03.5-07', '2020-06-03T17:45:00.123456Z',
  '2021-07-05T12:02:00Z', '2021-7-05T12:02:00Z', '2021-07-05T12:02:00', '2021-07-05T12:02:00ZZ', '2021-02-30T24:00:00Z', '12:30', "'single'", '"dq"', '"a\\"b"', '[a, b]', '{a: 1}', '|', '>-', '&x val', '*x', '!!str 5', '!!int "5"', 'a: b', 'x #c', 'C#',
  'Yahoo! News', '<<', '=', '@x', '`x`', '%x', 'y', 'on', 'no', '- x', '-x', '? x', ':x', 'x:', 'x: ', '"unclosed', 'a "b" c'
]

function mutate(text: string, random: Random): string {
  const lines = text.split('\n')
  const line = () => random.int(0, lines.length - 1)
  const at = () => random.int(0, text.length)
  switch (random.int(0, 10)) {
    case 0: {
      const p = at()
      return text.slice(0, p) + text.slice(p + random.int(1, 3))
    }
    case 1: {
      const p = at()
      return text.slice(0, p) + random.pick(INSERTS) + text.slice(p)
    }
    case 2: {
      const p = at()
      return text.slice(0, p) + text.charAt(p) + text.slice(p)
    }
    case 3: {
      const i = line()
      lines.splice(i, 0, lines[i])
      return lines.join('\n')
    }
    case 4: {
      lines.splice(line(), 1)
      return lines.join('\n')
    }
    case 5: {
      const i = line()
      const j = random.chance(0.5) ? Math.min(i + 1, lines.length - 1) : line()
      ;[lines[i], lines[j]] = [lines[j], lines[i]]
      return lines.join('\n')
    }
    case 6: {
      const i = line()
      lines[i] = random.chance(0.5) ? ' '.repeat(random.int(1, 3)) + lines[i] : lines[i].replace(/^ {1,2}/, '')
      return lines.join('\n')
    }
    case 7:
      return text.slice(0, at())
    case 8:
    case 9: {
      const i = line()
      const colon = lines[i].indexOf(': ')
      if (colon === -1) return text.slice(0, at())
      lines[i] = `${lines[i].slice(0, colon + 2)}${random.pick(VALUES)}`
      return lines.join('\n')
    }
    default: {
      const i = line()
      const first = lines[i].trimStart().charAt(0)
      lines[i] = lines[i].replace(first, random.pick(INSERTS) + first)
      return lines.join('\n')
    }
  }
}

/** A mutation inside the related list, where nearly all of a heavy card's bytes are. */
function mutateRelated(text: string, random: Random): string {
  const start = text.indexOf('\nrelated:\n')
  if (start === -1) return mutate(text, random)
  const head = text.slice(0, start + 1)
  const related = text.slice(start + 1)
  const lines = related.split('\n')
  const i = random.int(1, Math.max(1, lines.length - 3))
  switch (random.int(0, 4)) {
    case 0:
      lines[i] = lines[i].replace(/: .*/, `: ${random.pick(VALUES)}`)
      break
    case 1:
      lines[i] = lines[i].replace(/^( *)/, (indent) => (random.chance(0.5) ? `${indent} ` : indent.slice(1)))
      break
    case 2:
      lines.splice(i, 0, lines[i])
      break
    case 3:
      lines.splice(i, random.int(1, 4))
      break
    default:
      lines[i] = lines[i].replace(/"(.*)"/, (_quoted, inner: string) => `"${inner.slice(0, inner.length >> 1)}${random.pick(INSERTS)}${inner.slice(inner.length >> 1)}"`)
  }
  return head + lines.join('\n')
}

/**
 * `total` mutants, each a random source changed one to three times by `mutateOnce`, every one checked
 * against the reference. Counts those the fast path read and those js-yaml refused.
 */
function runMutants(random: Random, sources: string[], total: number, mutateOnce: (text: string) => string): { read: number; refusedByYaml: number } {
  let read = 0
  let refusedByYaml = 0
  for (let i = 0; i < total; i++) {
    let text = random.pick(sources)
    const rounds = random.int(1, 3)
    for (let r = 0; r < rounds; r++) text = mutateOnce(text)
    if (agrees(text)) read++
    else if (!reference(text).ok) refusedByYaml++
  }
  return { read, refusedByYaml }
}

describe('parseFrontMatterFast on mutated cards', () => {
  it('hands over or agrees with js-yaml on 1,000 mutated related-heavy cards', { timeout: 180_000 }, () => {
    const random = createRandom(11)
    const sources = relatedHeavy.map((card) => card.text)
    const total = 1000
    const { read, refusedByYaml } = runMutants(random, sources, total, (text) => (random.chance(0.8) ? mutateRelated(text, random) : mutate(text, random)))
    expect(read).toBeGreaterThan(total * 0.2)
    expect(refusedByYaml).toBeGreaterThan(total * 0.05)
  })

  it('hands over or agrees with js-yaml on 8,000 seeded mutations, and hands over whenever js-yaml refuses', { timeout: 180_000 }, () => {
    const random = createRandom(7)
    // The related-heavy cards have their own test above: at 24 KB each they would make this one slow.
    const light = realCards.filter((card) => !relatedHeavy.includes(card))
    const sources = [...light.map((card) => card.text), ...generated.map((card) => card.text)]
    const total = 8000
    const { read, refusedByYaml } = runMutants(random, sources, total, (text) => mutate(text, random))
    // Both sides of the test are exercised: many mutants stay in the fast layout, many break YAML.
    expect(read).toBeGreaterThan(total * 0.2)
    expect(refusedByYaml).toBeGreaterThan(total * 0.1)
  })
})
