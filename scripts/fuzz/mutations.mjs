// Hostile variants of real cards, one seeded mutation each. Every mutation
// returns { kind, detail, bytes }; the detail is enough to rebuild the file by
// hand when a finding needs a reproduction.
const enc = new TextEncoder()

/** Sizes stay under what the shared 2-core machine can take: the 4 MB card cap, aliases to a few MB. */
const MB = 1024 * 1024

function frontMatterEnd(text) {
  const end = text.indexOf('\n---', 4)
  return end === -1 ? text.length : end
}

/** Adds `yaml` as the last lines of the front matter (so the card keeps its own fields). */
function appendToFrontMatter(bytes, yaml) {
  const text = new TextDecoder().decode(bytes)
  const end = frontMatterEnd(text)
  return enc.encode(`${text.slice(0, end)}\n${yaml}${text.slice(end)}`)
}

function byteFlips(random, bytes) {
  const out = Uint8Array.from(bytes)
  const flips = random.int(1, 24)
  // Any byte value mostly makes invalid UTF-8 (refused before YAML); printable ones reach the YAML parser.
  const printable = random.chance(0.6)
  for (let i = 0; i < flips; i++) out[random.int(0, out.length - 1)] = printable ? random.pick(YAML_BYTES) : random.int(0, 255)
  return { detail: `${flips} random bytes set to ${printable ? 'YAML punctuation and letters' : 'any value'}`, bytes: out }
}

const YAML_BYTES = [...':-[]{}&*!|>\'"%@`#,? \n\tax0'].map((c) => c.charCodeAt(0))

function truncation(random, bytes) {
  const at = random.int(0, bytes.length - 1)
  // Cards are nearly all front matter: a bare cut only ever loses the closing fence, so half get it back.
  const closed = random.chance(0.5)
  const cut = bytes.slice(0, at)
  return { detail: `cut after byte ${at} of ${bytes.length}${closed ? ', closing fence added' : ''}`, bytes: closed ? concat(cut, enc.encode('\n---\n')) : cut }
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function hugeString(random, bytes) {
  const size = random.pick([64 * 1024, MB, 3 * MB, 4 * MB + 1])
  const quoted = random.chance(0.5)
  const value = 'x'.repeat(size)
  const replaceTitle = random.chance(0.5)
  const text = new TextDecoder().decode(bytes)
  // The card's own title becomes huge (a new key beside it would be a duplicate-key error, not a huge string).
  if (replaceTitle && /^title: .*$/m.test(text)) {
    const out = text.replace(/^title: .*$/m, () => `title: ${quoted ? `"${value}"` : value}`)
    return { detail: `title replaced by a ${size}-byte ${quoted ? 'quoted' : 'plain'} string`, bytes: enc.encode(out) }
  }
  return { detail: `hugeField: a ${size}-byte ${quoted ? 'quoted' : 'plain'} string appended`, bytes: appendToFrontMatter(bytes, `hugeField: ${quoted ? `"${value}"` : value}`) }
}

function deepNesting(random, bytes) {
  const depth = random.pick([64, 1000, 10_000, 100_000])
  const style = random.pick(['flow-list', 'flow-map', 'block-map'])
  let yaml
  if (style === 'flow-list') yaml = `deep: ${'['.repeat(depth)}1${']'.repeat(depth)}`
  else if (style === 'flow-map') yaml = `deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`
  else {
    const levels = Math.min(depth, 5000)
    yaml = Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}${i === 0 ? 'deep' : 'a'}:`).join('\n') + ' 1'
  }
  return { detail: `${style} nested ${depth} deep`, bytes: appendToFrontMatter(bytes, yaml) }
}

function aliasTrick(random, bytes, limits) {
  // The wide string is one trick in twelve: each blow-up costs seconds and half a gigabyte while it is open.
  const trick = random.pick(['laughs', 'laughs', 'wide-string', 'merge-keys', 'merge-keys', 'self-reference', 'self-reference', 'undefined-alias', 'anchor-on-field', 'anchor-on-field', 'laughs', 'merge-keys'])
  let yaml
  let detail
  if (trick === 'laughs') {
    const levels = random.int(4, 12)
    const lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`)
    yaml = lines.join('\n')
    detail = `billion laughs, ${levels} levels of 9`
  } else if (trick === 'wide-string') {
    // Issue #13 defect 2: a few aliases to one big string pass a node budget but expand by bytes.
    // The smoke keeps expansions small: the blow-ups cost seconds and gigabytes to show.
    const size = limits.smoke ? 64 * 1024 : random.pick([64 * 1024, 256 * 1024, MB])
    const count = limits.smoke ? 100 : random.pick([100, 500, 2000])
    yaml = `blob: &s "${'y'.repeat(size)}"\nbomb: [${Array(count).fill('*s').join(', ')}]`
    detail = `one ${size}-byte anchored string aliased ${count} times (expands to ${Math.round((size * count) / MB)} MB)`
  } else if (trick === 'merge-keys') {
    const count = random.int(10, 2000)
    yaml = `base: &b {a: 1, b: 2, c: [1, 2, 3]}\nmerged: [${Array(count).fill('{<<: *b}').join(', ')}]`
    detail = `${count} merge keys of one anchored map`
  } else if (trick === 'self-reference') {
    yaml = random.pick(['loop: &a [*a]', 'loop: &a {self: *a}', 'provider: &p {name: *p}'])
    detail = `an alias inside its own anchor: ${yaml}`
  } else if (trick === 'undefined-alias') {
    yaml = 'title: *nowhere'
    detail = 'an alias to an anchor never defined'
  } else {
    yaml = 'extraTopics: &t [a, b]\ntopics: *t\nrelated: [*t, *t]'
    detail = 'anchored lists reused where maps and strings are expected'
  }
  return { detail: `${trick}: ${detail}`, bytes: appendToFrontMatter(bytes, yaml) }
}

function structureTrick(random, bytes) {
  const text = new TextDecoder().decode(bytes)
  const trick = random.pick(['js-engine', 'bom-crlf', 'nul-bytes', 'tags', 'duplicate-keys', 'no-closing-fence', 'not-a-map', 'invalid-utf8'])
  let out
  if (trick === 'js-engine') out = text.replace(/^---/, random.pick(['---js', '---javascript', '---JS ']))
  else if (trick === 'bom-crlf') out = `\ufeff${text.replace(/\n/g, '\r\n')}`
  else if (trick === 'nul-bytes') out = text.replace(/title: /, 'title: \u0000\u0000')
  else if (trick === 'tags') return { detail: 'tags: !!js/function, !!binary, !!set, !!omap', bytes: appendToFrontMatter(bytes, "fn: !!js/function 'function () { return 1 }'\nbin: !!binary aGVsbG8=\nset: !!set {a, b}\nom: !!omap [a: 1]") }
  else if (trick === 'duplicate-keys') return { detail: 'the title key twice', bytes: appendToFrontMatter(bytes, 'title: "again"') }
  else if (trick === 'no-closing-fence') out = text.replace(/\n---\s*(\n|$)/, '\n')
  else if (trick === 'not-a-map') out = `---\n- just\n- a list\n---\n`
  else {
    const raw = Uint8Array.from(bytes)
    raw[random.int(0, raw.length - 1)] = random.pick([0xc3, 0xff, 0xfe, 0x80])
    return { detail: 'invalid-utf8: one lone lead or continuation byte', bytes: raw }
  }
  return { detail: trick, bytes: enc.encode(out) }
}

export const MUTATIONS = {
  'byte-flip': byteFlips,
  truncation,
  'huge-string': hugeString,
  'deep-nesting': deepNesting,
  'alias-trick': aliasTrick,
  structure: structureTrick
}

/** The i-th mutation of a run: kinds in turn, so every kind gets its share at any count. */
export function mutate(random, bytes, i, limits = { smoke: false }) {
  const kinds = Object.keys(MUTATIONS)
  const kind = kinds[i % kinds.length]
  const { detail, bytes: out } = MUTATIONS[kind](random, bytes, limits)
  return { kind, detail, bytes: out }
}
