// The fast path against the reference (gray-matter + js-yaml, exactly as the
// normal path calls them): on every real card and on generated cards it either
// hands over (null) or gives the very same data and body. Mutated cards:
// fast-front-matter-mutations.test.ts.
import { readFileSync } from 'node:fs'
import { DEFAULT_SCHEMA } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { generateCards } from '../../../../scripts/bench/generate-cards.mjs'
import { parseFrontMatterFast } from './fast-front-matter'
import { tryFastFrontMatter } from './fast-path'
import { cardFilesIn, sharedCards } from '../testing/shared-cards'
import { agrees } from './testing/fast-path-reference'

const realCards = cardFilesIn(sharedCards()).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
// Cards whose related lists run to dozens of items (mean 29, up to 179): the real folders' weight.
const relatedHeavy = realCards.filter((card) => card.path.includes('/related-heavy/'))
const generated = [...generateCards({ count: 3000, seed: 20240601 })]

describe('parseFrontMatterFast on real cards', () => {
  // The differential tests deep-compare thousands of parsed cards: seconds on a quiet machine, far more on a shared one.
  it('reads the real cards exactly as js-yaml does, and hands over almost none', { timeout: 180_000 }, () => {
    expect(realCards.length).toBeGreaterThan(relatedHeavy.length)
    expect(relatedHeavy.length).toBeGreaterThan(0)
    const read = realCards.filter((card) => agrees(card.text)).length
    expect(read / realCards.length).toBeGreaterThanOrEqual(0.95)
  })

  it('gives the seed card its dates, numbers, nested maps and lists', () => {
    const seed = realCards.find((card) => card.path.includes('/seed/'))!
    const fast = parseFrontMatterFast(seed.text)!
    expect(fast.data.publishedDateTime).toEqual(new Date('2022-01-29T12:47:00Z'))
    expect(fast.data.heat).toBe(-1)
    expect(fast.data.published).toBe(false)
    expect(fast.data.provider).toEqual({ name: 'Jurist', domain: 'jurist.org' })
    expect(fast.data.topics).toEqual(['Machine Learning', 'AI'])
    expect((fast.data.related as { provider: { name: string } }[])[0].provider.name).toBe('South China Morning Post')
  })

  it('reads every related-heavy card, long related lists included, exactly as js-yaml does', { timeout: 180_000 }, () => {
    expect(relatedHeavy.length).toBeGreaterThan(0)
    const handedOver = relatedHeavy.filter((card) => !agrees(card.text)).map((card) => card.path)
    expect(handedOver).toEqual([])
    const longest = Math.max(...relatedHeavy.map((card) => (parseFrontMatterFast(card.text)!.data.related as unknown[] | undefined)?.length ?? 0))
    expect(longest).toBeGreaterThanOrEqual(100)
  })

  it('is what the parse call site uses', () => {
    const seed = realCards.find((card) => card.path.includes('/seed/'))!
    expect(tryFastFrontMatter(seed.text)).toStrictEqual(parseFrontMatterFast(seed.text))
    expect(tryFastFrontMatter(seed.text)).not.toBeNull()
  })
})

describe('parseFrontMatterFast on generated cards', () => {
  it('reads every generated card exactly as js-yaml does', () => {
    const read = generated.filter((card) => agrees(card.text)).length
    expect(read).toBe(generated.length)
  })

  it('reads every generated card of the real shape (long related lists) exactly as js-yaml does', { timeout: 180_000 }, () => {
    const real = [...generateCards({ count: 300, seed: 20240602, shape: 'real' })]
    expect(real.filter((card) => agrees(card.text)).length).toBe(real.length)
  })
})

describe('parseFrontMatterFast on the YAML the pipeline writes', () => {
  const card = (...lines: string[]) => ['---', ...lines, '---', 'Body text.', ''].join('\n')

  it.each([
    ['escaped quotes and backslashes', 'title: "She said \\"no\\" to C:\\\\temp"'],
    ['line-break escapes', 'excerpt: "first\\r\\nsecond\\n"'],
    ['unicode escapes', 'title: "It\\u2019s \\x41 \\/ \\_ \\0 \\e \\N \\L \\P"'],
    ['raw unicode, NBSP and emoji', 'title: "‘Quoted’\u00a0then 😀 â€˜"'],
    ['an offset timestamp', 'publishedDateTime: 2020-06-03T17:45:00-07:00'],
    ['UTC timestamps, odd ones included', 'a: 2021-07-05T12:02:00Z', 'b: 2021-13-45T25:61:61Z', 'c: 0099-01-01T00:00:00Z', 'd: 2021-07-05T12:02:00z', 'e: 2021-07-05t12:02:00Z'],
    ['keys that share starts, ends and lengths', 'title: a', 'titles: b', 'eltit: c', 'tit-le: d', 'related:', '  - title: e', '    titles: f'],
    ['a midnight timestamp', 'publishedDateTime: 2021-02-04T00:00:00Z'],
    ['a date only', 'day: 2021-02-04'],
    ['numbers in every form', 'a: -1', 'b: 0x1F', 'c: 0o17', 'd: 1_000', 'e: 1.5', 'f: .inf', 'g: 012', 'h: +5', 'i: 1e3'],
    ['booleans and nulls', 'a: true', 'b: False', 'c: null', 'd: ~', 'e:', 'f:   '],
    ['plain strings that look like other things', 'a: 9to5Mac', 'b: Yahoo! News', 'c: C# Corner', 'd: http://x.org/a?b=c&d=e', 'e: -foo', 'f: a:b'],
    ['trailing spaces', 'title: "x"   ', 'name: Foo Bar   '],
    ['a nested map and lists', 'provider:', '  name: NBC News', '  domain: nbcnews.com', '  images:', '    - url: "https://x/y.jpg"', '      width: 50', 'topics:', '  - Election', '  - Donald Trump'],
    ['deeper indentation', 'provider:', '    name: A', '    domain: b.com', 'topics:', '    - One'],
    ['blank lines between and inside blocks', '', 'topics:', '', '  - A', '', '  - B', '', 'x: 1', ''],
    ['a list item that is a map with a nested null', 'related:', '  - title: "t"', '    quality:', '    type: article'],
    ['keys with digits, dashes and underscores', 'a1: x', 'b-c: y', 'd_e: z']
  ])('reads %s as js-yaml does', (_name, ...lines) => {
    expect(agrees(card(...lines))).toBe(true)
  })

  it('hands over exactly the keys js-yaml types (null and boolean spellings) and reads every other casing of them', () => {
    const casings = (word: string): string[] => [...word].reduce<string[]>((all, ch) => all.flatMap((start) => [start + ch.toLowerCase(), start + ch.toUpperCase()]), [''])
    const keys = ['null', 'true', 'false'].flatMap(casings)
    // js-yaml's own implicit types, in the order its loader tries them on a plain scalar.
    const implicit = (DEFAULT_SCHEMA as unknown as { compiledImplicit: { resolve(text: string): boolean }[] }).compiledImplicit
    const typedByJsYaml = keys.filter((key) => implicit.some((type) => type.resolve(key)))
    expect(typedByJsYaml).toHaveLength(9)
    for (const key of keys) {
      const text = card(`${key}: 1`)
      if (typedByJsYaml.includes(key)) expect(parseFrontMatterFast(text), key).toBeNull()
      else expect(agrees(text), key).toBe(true)
    }
  })

  it('returns the body after the closing fence as gray-matter does', () => {
    expect(parseFrontMatterFast('---\na: 1\n---\n\n# Heading\n\nText\n')?.body).toBe('\n# Heading\n\nText\n')
    expect(parseFrontMatterFast('---\na: 1\n---')?.body).toBe('')
    expect(parseFrontMatterFast('\uFEFF---\na: 1\n---\nx')).toStrictEqual({ data: { a: 1 }, body: 'x' })
  })

  it.each([
    ['an anchor and alias', 'a: &x 1', 'b: *x'],
    ['a tag', 'a: !!str 5'],
    ['a custom tag', 'a: !thing x'],
    ['a flow list', 'topics: [a, b]'],
    ['a flow map', 'provider: {name: a}'],
    ['a literal block scalar', 'excerpt: |', '  two', '  lines'],
    ['a folded block scalar', 'excerpt: >-', '  folded'],
    ['single quotes', "title: 'it''s'"],
    ['a comment line', '# note', 'a: 1'],
    ['a trailing comment', 'a: 1 # note'],
    ['a comment after a quoted string', 'a: "x" # note'],
    ['a tab', 'a:\t1'],
    ['a tab in a quoted string', 'a: "x\ty"'],
    ['a duplicate key', 'a: 1', 'a: 2'],
    ['a key YAML types as a boolean', 'true: 1'],
    ['a key YAML types as null', 'null: 1'],
    ['a quoted key', '"a": 1'],
    ['a key with a space', 'a b: 1'],
    ['a multi-line plain scalar', 'a: one', '  two'],
    ['a multi-line quoted scalar', 'a: "one', '  two"'],
    ['an escaped line break', 'a: "one\\', '  two"'],
    ['an unknown escape', 'a: "\\q"'],
    ['a bad hex escape', 'a: "\\xZZ"'],
    ['an 8-digit unicode escape', 'a: "\\U0001F600"'],
    ['text after a closing quote', 'a: "x" y'],
    ['an unclosed quote', 'a: "x'],
    ['a colon-space inside a plain scalar', 'a: b: c'],
    ['a plain scalar ending in a colon', 'a: b:'],
    ['a list at its key\'s indentation', 'topics:', '- A'],
    ['a nested list', 'a:', '  - - x'],
    ['an empty list item', 'a:', '  -', '  - x'],
    ['an item with two spaces after the dash', 'a:', '  -  x'],
    ['misaligned map keys', 'provider:', '  name: a', '   domain: b'],
    ['a dedent to no open block', 'provider:', '    name: a', '  domain: b'],
    ['an indented first key', '  a: 1'],
    ['a directive', '%YAML 1.2', 'a: 1'],
    ['a document end marker', 'a: 1', '...'],
    ['an explicit key', '? a', ': 1'],
    ['a non-printable character', 'a: "x\u0007"'],
    ['a lone surrogate', 'a: "x\ud800"'],
    ['a merge key', '<<: {a: 1}'],
    ['a plain scalar starting with an indicator', 'a: @x'],
    ['a value that is a list on the key line', 'a: - x']
  ])('hands over %s', (_name, ...lines) => {
    expect(parseFrontMatterFast(card(...lines))).toBeNull()
  })

  it.each([
    ['no front matter', 'Just text\n'],
    ['code front matter', '---js\n{ a: 1 }\n---\n'],
    ['a marked language', '---yaml\na: 1\n---\n'],
    ['no closing fence', '---\na: 1\n'],
    ['an empty block', '---\n---\nbody'],
    ['a fence with more on its line', '---\na: 1\n---more\n'],
    ['CRLF line ends', '---\r\na: 1\r\n---\r\n'],
    ['a list at the top', '---\n- a\n---\n'],
    ['a scalar at the top', '---\nhello\n---\n']
  ])('hands over %s', (_name, text) => {
    expect(parseFrontMatterFast(text)).toBeNull()
  })
})
