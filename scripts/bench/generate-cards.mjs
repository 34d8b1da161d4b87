// Deterministic synthetic card folders in FORMAT.md's layout, for the benchmark
// and the fast-path differential tests. Same seed, same bytes.
//
// Shapes follow the 685 real cards (measured once; figures beside each constant):
// a folder is a set of topic feeds, each exported to its own subfolder; a card's
// first topic is its feed's, extra topics come from the feed's subtopics; one
// provider dominates each feed and a long tail shares the rest.
import { createRandom } from '../../src/shared/testing/random.mjs'
import { capitalize, FEED_TOPICS, PROVIDERS, TITLE_FLAVOURS, WORDS } from './card-vocabulary.mjs'
export { createRandom }

function sentence(random, words) {
  const out = []
  for (let i = 0; i < words; i++) out.push(WORDS[random.zipf(WORDS.length, 0.7)])
  out[0] = capitalize(out[0])
  return out.join(' ')
}

// Titles: median 66 chars, up to ~180.
function title(random) {
  let text = sentence(random, random.int(5, random.chance(0.05) ? 28 : 16))
  if (random.chance(0.25)) text = TITLE_FLAVOURS[random.int(1, TITLE_FLAVOURS.length - 1)](text)
  return text
}

// Excerpts: median ~237 chars, p10 ~88; some cut mid-word, some ' ...', \r\n, a trailing \n, or 'NA'.
function excerpt(random) {
  if (random.chance(0.01)) return 'NA'
  let text = sentence(random, random.int(12, 56))
  const form = random.next()
  if (form < 0.25) text += ' ...'
  else if (form < 0.3) text = text.slice(0, Math.max(10, text.length - random.int(1, 6)))
  else if (form < 0.33) text = text.replace(' ', '\r\n')
  else if (form < 0.37) text += '\n'
  else text += '.'
  if (random.chance(0.05)) text = text.replace(' the ', ' the &quot;best&quot; ')
  return text
}

function slugify(text) {
  return text
    .toLowerCase()
    .replace(/&[#a-z0-9]+;/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
function base64(random, length) {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE64[Math.floor(random.next() * 64)]
  return out
}

function youtubeId(random) {
  return base64(random, 11).replace(/[+/]/g, '_')
}

/** Double-quoted YAML as the pipeline writes it: raw unicode, escaped quotes, backslashes and line breaks. */
export function quote(text, escapeUnicode = false) {
  let out = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')
  if (escapeUnicode) out = out.replace(/[\u2018\u2019]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`)
  return `"${out}"`
}

// Cards 2020-2024; older ones (before mid-2020) lack originalUrl/quality/published/secured
// and carry image titles instead of isCached, as the real older cards do.
const START_MS = Date.UTC(2020, 0, 1)
const SPAN_MS = Date.UTC(2024, 11, 31) - START_MS

function timestamp(random, ms, allowOffset) {
  if (allowOffset && random.chance(0.04)) {
    const offset = random.pick([-7, -5, 1, 2, 5.5, 8])
    const local = new Date(ms + offset * 3600_000).toISOString().slice(0, 19)
    const sign = offset < 0 ? '-' : '+'
    const abs = Math.abs(offset)
    return `${local}${sign}${String(Math.floor(abs)).padStart(2, '0')}:${abs % 1 ? '30' : '00'}`
  }
  return new Date(ms).toISOString().slice(0, 19) + 'Z'
}

function image(random, url, indent, older, titleText) {
  const lines = [`${indent}- url: ${quote(url)}`, `${indent}  width: ${random.pick([400, 620, 800, 1200, 1280, 1400, 2000, 2500])}`, `${indent}  height: ${random.pick([225, 349, 400, 600, 630, 888, 933, 1270, 1666])}`]
  if (older) lines.push(`${indent}  title: ${quote(titleText)}`)
  else lines.push(`${indent}  isCached: ${random.chance(0.98) ? 'true' : 'false'}`)
  return lines
}

function providerLines(provider, indent, withLogo) {
  const lines = [`${indent}provider:`, `${indent}  name: ${provider.name}`, `${indent}  domain: ${provider.domain}`]
  if (withLogo && provider.hasLogo) {
    lines.push(
      `${indent}  images:`,
      `${indent}    - url: "https://everyday-cc.github.io/news/assets/images/organizations/${provider.domain}-50x50.jpg"`,
      `${indent}      width: 50`,
      `${indent}      height: 50`
    )
  }
  return lines
}

function storyUrl(provider, slug, random) {
  return `https://www.${provider.domain}/${random.int(2019, 2024)}/${random.int(1, 12)}/${slug}${random.chance(0.1) ? `?id=${random.int(1, 99999)}&amp;ref=feed` : ''}`
}

// The light shape: 2 of 685 real cards carry related coverage, but FORMAT.md's
// stories grow to dozens (one 54 KB card), so 4% get a few items and 1 in 2,000 gets 40-60.
function lightRelatedCount(random) {
  if (random.chance(0.0005)) return random.int(40, 60)
  if (!random.chance(0.04)) return 0
  return Math.min(1 + Math.floor(-Math.log(1 - random.next()) * 3), 20)
}

// The real shape (FORMAT.md, 6,761 cards of three feeds): related-list size at
// each quantile, read between the points. Deciles 0, 0, 1, 2, 5, 11, 23, 39, 64;
// p95 127, p99 179 (also the largest seen). The mean comes out at ~23 (FORMAT.md:
// 24.6; related-heavy: 29).
const RELATED_QUANTILES = [
  [0, 0], [0.2, 0], [0.3, 1], [0.4, 2], [0.5, 5], [0.6, 11], [0.7, 23], [0.8, 39], [0.9, 64], [0.95, 127], [0.99, 179], [1, 179]
]

function realRelatedCount(random) {
  const u = random.next()
  for (let i = 1; i < RELATED_QUANTILES.length; i++) {
    const [q1, v1] = RELATED_QUANTILES[i]
    if (u > q1) continue
    const [q0, v0] = RELATED_QUANTILES[i - 1]
    return Math.round(v0 + ((u - q0) / (q1 - q0)) * (v1 - v0))
  }
  return RELATED_QUANTILES.at(-1)[1]
}

// Per shape: related-list sizes, and the share of related items with images and
// with AMP URLs (real: 71% and a third, FORMAT.md; related-heavy: 69% and 32%).
const SHAPES = {
  light: { relatedCount: lightRelatedCount, imageShare: 0.85, ampShare: 0.8 },
  real: { relatedCount: realRelatedCount, imageShare: 0.71, ampShare: 0.33 }
}

/**
 * A related item, as one string of lines. In real feeds 99.8% of them are other
 * cards of the same folder (the feed's "see also"), so `neighbour`, a recent card
 * of the same feed (see relatedSource), is written as the item when given; else
 * an item is made up.
 */
function relatedItem(random, publishedMs, providerPool, shape, neighbour) {
  const source = neighbour ?? relatedSource(random, PROVIDERS[random.zipf(providerPool, 1.0)], title(random), null, excerpt(random), publishedMs + random.int(-2, 72) * 3600_000)
  let out = source.head
  if (random.chance(shape.ampShare)) out += source.amp
  out += source.provider
  if (random.chance(0.9)) out += `\n    quality: ${random.int(10, 120)}`
  if (random.chance(shape.imageShare)) {
    out += `\n    images:\n${image(random, `https://cdn.${source.domain}/images/${source.slug}-${random.int(1, 9999)}.jpg`, '      ', false, '').join('\n')}`
  }
  return out
}

/** The fixed lines of a story as a related item, made once per story. */
function relatedSource(random, provider, text, url, summary, publishedMs) {
  const slug = slugify(text)
  const webUrl = url ?? storyUrl(provider, slug, random)
  return {
    domain: provider.domain,
    slug: slug.slice(0, 30),
    head: [`  - title: ${quote(text)}`, `    excerpt: ${quote(summary)}`, `    publishedDateTime: ${timestamp(random, publishedMs, false)}`, `    webUrl: ${quote(webUrl)}`].join('\n'),
    amp: `\n    ampWebUrl: ${quote(`${webUrl}?amp=1`)}\n    cdnAmpWebUrl: ${quote(`https://${provider.domain.replace(/\./g, '-')}.cdn.ampproject.org/c/s/${webUrl.slice(8)}?amp=1`)}`,
    provider: `\n    type: article\n${providerLines(provider, '    ', false).join('\n')}`
  }
}

/** The last cards of each feed, for related items that point at real neighbours. */
export function createNeighbours(size = 256) {
  const rings = new Map()
  return {
    add(feed, card) {
      let ring = rings.get(feed)
      if (!ring) rings.set(feed, (ring = { cards: [], next: 0 }))
      if (ring.cards.length < size) ring.cards.push(card)
      else ring.cards[ring.next] = card
      ring.next = (ring.next + 1) % size
    },
    pick(feed, random) {
      const ring = rings.get(feed)
      return ring && ring.cards.length > 0 ? ring.cards[random.int(0, ring.cards.length - 1)] : null
    }
  }
}

/**
 * One card. `index` makes the file name unique; `feeds` is how many feed folders the
 * library is spread over; `shape` is 'real' (FORMAT.md's related lists) or 'light'
 * (the 684 light real cards); `neighbours` (createNeighbours) lets related items
 * name earlier cards of the same feed.
 */
export function generateCard(random, index, feeds = FEED_TOPICS.length, shape = 'light', neighbours = null) {
  const shapeOf = SHAPES[shape]
  if (!shapeOf) throw new Error(`unknown card shape '${shape}' (real or light)`)
  const feed = Math.min(random.zipf(feeds, 1.2), FEED_TOPICS.length - 1)
  const topics = FEED_TOPICS[feed]
  const publishedMs = START_MS + Math.floor(random.next() * SPAN_MS / 60_000) * 60_000
  const older = publishedMs < Date.UTC(2020, 6, 1) && random.chance(0.8)
  const video = random.chance(0.05)
  // The feed's main outlet, else the shared long tail.
  const provider = random.chance(0.78) ? PROVIDERS[feed] : PROVIDERS[random.zipf(PROVIDERS.length, 1.05)]
  const text = title(random)
  const slug = slugify(text) || 'untitled'
  const url = storyUrl(provider, slug, random)
  const quality = random.int(0, random.chance(0.02) ? 189 : 120)

  const escapeUnicode = random.chance(0.2)
  const summary = excerpt(random)
  const lines = ['---', 'category: news', `title: ${quote(text, escapeUnicode)}`, `excerpt: ${quote(summary)}`]
  lines.push(`publishedDateTime: ${older && random.chance(0.5) ? new Date(publishedMs).toISOString().slice(0, 10) + 'T00:00:00Z' : timestamp(random, publishedMs, true)}`)
  const videoId = youtubeId(random)
  if (video) lines.push(`originalUrl: ${quote(`https://www.youtube.com/watch?v=${videoId}`)}`)
  else if (!older) lines.push(`originalUrl: ${quote(url)}`)
  // 12 of 13 real video cards have no webUrl.
  const hasWebUrl = !video || random.chance(0.08)
  if (hasWebUrl) lines.push(`webUrl: ${quote(url)}`)
  if (!video && random.chance(0.07)) lines.push(`ampWebUrl: ${quote(`${url}?amp`)}`, `cdnAmpWebUrl: ${quote(`https://${provider.domain.replace(/\./g, '-')}.cdn.ampproject.org/c/s/${url.slice(8)}?amp`)}`)
  lines.push(`type: ${video ? 'video' : 'article'}`)
  if (!older) lines.push(`quality: ${quality}`)
  lines.push(`heat: ${random.chance(0.05) ? -1 : quality}`)
  if (!older) lines.push(`published: ${random.chance(0.63) ? 'true' : 'false'}`)
  if (video) {
    lines.push(`featuredContent: ${quote(`<iframe width="800" height="500" frameborder="0" src="https://www.youtube.com/embed/${videoId}" allow="accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture" allowfullscreen></iframe>`)}`)
  }
  lines.push('', ...providerLines(provider, '', random.chance(0.9)), '', 'topics:', `  - ${topics[0]}`)
  // 1 topic on 81% of real cards, 2 on 18%, 3 on 1%.
  const extra = random.chance(0.19) ? (random.chance(0.05) ? 2 : 1) : 0
  const used = new Set([topics[0]])
  for (let i = 0; i < extra; i++) {
    const topic = topics[1 + random.zipf(topics.length - 1, 1.0)]
    if (!used.has(topic)) lines.push(`  - ${topic}`)
    used.add(topic)
  }
  // 92% of real cards have one image.
  if (random.chance(0.92)) {
    lines.push('', 'images:', ...image(random, video ? `https://i.ytimg.com/vi/${videoId}/maxresdefault.jpg` : `https://www.${provider.domain}/wp-content/uploads/${slug.slice(0, 40)}.jpg`, '  ', older, text))
  }
  const related = shapeOf.relatedCount(random)
  if (related > 0) {
    lines.push('', 'related:')
    for (let i = 0; i < related; i++) {
      const neighbour = neighbours && random.chance(0.998) ? neighbours.pick(feed, random) : null
      lines.push(relatedItem(random, publishedMs, 120, shapeOf, neighbour))
    }
  }
  // Only a card known by its webUrl can be named by another's related item.
  if (hasWebUrl) neighbours?.add(feed, relatedSource(random, provider, text, url, summary, publishedMs))
  if (!older) lines.push('', `secured: "${base64(random, random.pick([400, 400, 400, 400, 400, 400, 572, 484]) - 13)};${base64(random, 22)}=="`)
  lines.push('---', '', '')

  const date = new Date(publishedMs).toISOString().slice(0, 10)
  const folder = `feed-${String(feed + 1).padStart(2, '0')}-${slugify(topics[0])}`
  return { path: `${folder}/${date}-${slug}-${index}.md`, text: lines.join('\n'), webUrl: url }
}

/**
 * Yields `count` cards for `seed`. About 0.6% are reposts: a second file for a story
 * already written (same webUrl, new file name), as the real folders hold.
 */
export function* generateCards({ count, seed = 1, shape = 'light' }) {
  const random = createRandom(seed)
  const neighbours = shape === 'real' ? createNeighbours() : null
  let previous = null
  for (let index = 0; index < count; index++) {
    if (previous && random.chance(0.006)) {
      yield { path: previous.path.replace(/\.md$/, `-repost-${index}.md`), text: previous.text.replace(/\nheat: -?\d+/, `\nheat: ${random.int(0, 120)}`) }
      continue
    }
    previous = generateCard(random, index, FEED_TOPICS.length, shape, neighbours)
    yield previous
  }
}
