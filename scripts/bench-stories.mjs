#!/usr/bin/env node
// Stories at scale: the first clustering of N real-shaped cards (time, extra
// heap), one rewrite re-clustered, a 1,000-change live burst checked against a
// clustering from scratch, and building the Stories list (what switching to
// Stories mode computes). Prints one JSON object; `--size N` (default 100000).
//
// Real-shaped: the titles, excerpts and times of the real cards in
// ../shared/cards and of their related items (about 20k distinct real texts),
// repeated in time-shifted rounds until N (rounds 40 days apart, so a copy never
// falls in another's ±3-day window, and each term's frequency grows as in a big folder).
// Run with: node scripts/bench-stories.mjs [--size N]; `npm run bench` runs it as its story rows (bench/story-rows.mjs).
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { build } from 'rolldown'

const ROOT = resolve(import.meta.dirname, '..')
const CARDS = resolve(ROOT, '..', 'shared', 'cards')
const DAY = 86_400_000

const { values } = parseArgs({ options: { size: { type: 'string', default: '100000' } } })
const size = Number(values.size)

async function bundle() {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-bench-stories-'))
  const entry = join(dir, 'entry.ts')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(
    entry,
    `export * from ${JSON.stringify(join(ROOT, 'src/shared/stories/index.ts'))}\nexport { buildStoryRows } from ${JSON.stringify(join(ROOT, 'src/renderer/src/features/stories/story-rows.ts'))}\nexport { StoryMap } from ${JSON.stringify(join(ROOT, 'src/renderer/src/features/stories/story-map.ts'))}\nexport { storyTableOf } from ${JSON.stringify(join(ROOT, 'src/renderer/src/features/stories/story-table.ts'))}\nexport { buildLibraryIndex } from ${JSON.stringify(join(ROOT, 'src/renderer/src/features/filter/library-index.ts'))}\nexport { updateLibraryIndex } from ${JSON.stringify(join(ROOT, 'src/renderer/src/features/filter/update-index.ts'))}\n`
  )
  await build({ input: entry, output: { file: join(dir, 'stories.mjs'), format: 'esm' }, logLevel: 'silent' })
  return { module: await import(pathToFileURL(join(dir, 'stories.mjs')).href), dir }
}

/** Title, excerpt, time, outlet, quality and heat of each real card and related item (the parse is a light line reader: these files are trusted test data). */
async function realTexts() {
  const texts = []
  const files = []
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.name.endsWith('.md')) files.push(path)
    }
  }
  await walk(CARDS)
  const unquote = (value) => {
    const trimmed = value.trim()
    if (!trimmed.startsWith('"')) return trimmed
    try {
      return JSON.parse(trimmed)
    } catch {
      return trimmed.slice(1, -1)
    }
  }
  const wholeOrNull = (value, least = -Infinity) => {
    const number = Number(value.trim())
    return Number.isInteger(number) && number >= least ? number : null
  }
  for (const file of files) {
    let current = null
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const match = /^(\s*)(?:- )?(title|excerpt|publishedDateTime|domain|quality|heat): (.*)$/.exec(line)
      if (!match) continue
      const [, , key, value] = match
      if (key === 'title') {
        if (current?.publishedAtMs) texts.push(current)
        current = { title: unquote(value), excerpt: '', publishedAtMs: null, domain: '', quality: null, heat: null }
      } else if (current && key === 'excerpt') current.excerpt = unquote(value)
      else if (current && key === 'publishedDateTime') current.publishedAtMs = Date.parse(value.trim())
      else if (current && key === 'domain' && !current.domain) current.domain = value.trim()
      // As the app normalises them: a whole number, heat -1 is unknown.
      else if (current && key === 'quality' && current.quality === null) current.quality = wholeOrNull(value)
      else if (current && key === 'heat' && current.heat === null) current.heat = wholeOrNull(value, 0)
    }
    if (current?.publishedAtMs) texts.push(current)
  }
  const seen = new Set()
  return texts.filter((text) => {
    const key = `${text.title}\u0000${text.publishedAtMs}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// `npm run bench` starts this script without --expose-gc; the heap figure needs a collection first.
if (!globalThis.gc) {
  setFlagsFromString('--expose-gc')
  globalThis.gc = runInNewContext('gc')
}

/** The V8 heap, and typed arrays' memory outside it (vectors and the posting table's keys live there). */
function heapMb() {
  globalThis.gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return { heap: heapUsed / 1024 / 1024, arrayBuffers: arrayBuffers / 1024 / 1024 }
}

const percentile = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]

const { module: stories, dir } = await bundle()
const texts = await realTexts()
const cards = Array.from({ length: size }, (_, i) => {
  const text = texts[i % texts.length]
  const round = Math.floor(i / texts.length)
  return { id: `card-${i}`, title: text.title, excerpt: text.excerpt, publishedAtMs: text.publishedAtMs + round * 40 * DAY, domain: text.domain, quality: text.quality, heat: text.heat }
})

const before = heapMb()
let started = performance.now()
const cpuBefore = process.cpuUsage()
const clusters = new stories.StoryClusters(cards)
const firstMs = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
const firstCpuMs = (cpu.user + cpu.system) / 1000
const after = heapMb()
const extraMb = after.heap - before.heap
const extraArrayBuffersMb = after.arrayBuffers - before.arrayBuffers
const sizes = [...clusters.stories().values()].map((ids) => ids.length)

// Rewrites: a card takes another card's headline (it moves story), or its own back.
const rewriteMs = []
for (let i = 0; i < 200; i++) {
  const card = cards[(i * 7919) % cards.length]
  const other = cards[(i * 104729 + 13) % cards.length]
  started = performance.now()
  clusters.set({ ...card, title: other.title, excerpt: other.excerpt })
  rewriteMs.push(performance.now() - started)
  clusters.set(card)
}

// A 1,000-change burst (adds, rewrites, removals), then the same cards from scratch.
const live = new Map(cards.map((card) => [card.id, card]))
started = performance.now()
for (let i = 0; i < 1000; i++) {
  const roll = i % 3
  if (roll === 0) {
    const text = texts[(i * 31) % texts.length]
    const card = { id: `burst-${i}`, title: text.title, excerpt: text.excerpt, publishedAtMs: text.publishedAtMs, domain: text.domain, quality: text.quality, heat: text.heat }
    live.set(card.id, card)
    clusters.set(card)
  } else if (roll === 1) {
    const card = cards[(i * 6007) % cards.length]
    const other = texts[(i * 17) % texts.length]
    const changed = { ...card, title: other.title, excerpt: other.excerpt }
    live.set(card.id, changed)
    clusters.set(changed)
  } else {
    const id = cards[(i * 4099 + 1) % cards.length].id
    live.delete(id)
    clusters.delete(id)
  }
}
const burstMs = performance.now() - started
const scratch = new stories.StoryClusters(live.values(), { snapshot: clusters.idfSnapshot })
const canonical = (each) => [...each.stories().entries()].map(([anchor, ids]) => `${anchor}:${ids.join(',')}`).sort().join('\n')
const outletsOf = (each) => [...each.stories().values()].map((ids) => new Set(ids.map((id) => live.get(id).domain)).size).sort((a, b) => a - b).join(',')
const burstRight = clusters.stories().size === scratch.stories().size && canonical(clusters) === canonical(scratch) && outletsOf(clusters) === outletsOf(scratch)

// Switching to Stories mode: the story rows of every card (the list's first paint needs nothing more).
const map = new stories.StoryMap()
// The worker's reply (stories-session.ts): each story with its first and latest time.
const timesOf = (ids) => ids.map((id) => live.get(id).publishedAtMs)
map.apply({ reset: true, removed: [], added: [...clusters.stories().entries()].map(([anchor, ids]) => [anchor, [...ids], Math.min(...timesOf(ids)), Math.max(...timesOf(ids))]), ms: 0 })
const rows = [...live.values()].map((card) => ({ ...card, providerDomain: card.domain, providerName: card.domain, type: 'article', thumbnail: null, topics: [], urls: [], relatedCount: 0, searchText: '', path: card.id, folder: 'f', providerLogo: null }))
const rowById = new Map(rows.map((row) => [row.id, row]))
// The filter's index of the rows exists before the switch (the filter pass uses it): not timed.
let index = stories.buildLibraryIndex(rows)
// The story table over the index: built when the worker first answers (timed here), then patched.
const tableMs = []
let table
for (let i = 0; i < 3; i++) {
  started = performance.now()
  table = stories.storyTableOf(index, map)
  tableMs.push(performance.now() - started)
}
// What the user waits for: the rows sorted by the table's keys, and the first screenful's lead, outlets,
// unread and new coverage. The view's matches exist before the switch (the filter pass made them): not timed.
const everyCard = Int32Array.from(rows.keys())
// A filter on: every other card in view (each of their stories is listed whole).
const someCards = everyCard.filter((position) => position % 2 === 0)
function storyRows(matches, sort) {
  const wallMs = []
  const cpuMs = []
  for (let i = 0; i < 3; i++) {
    started = performance.now()
    const cpuAt = process.cpuUsage()
    const list = stories.buildStoryRows(index, matches, table, rowById, () => undefined, sort)
    for (let position = 0; position < Math.min(40, list.length); position++) {
      const story = list.at(position)
      if (story.lead.title === undefined || story.outlets + story.unread + story.newCount < 0) throw new Error('a row without its facts')
    }
    wallMs.push(performance.now() - started)
    const used = process.cpuUsage(cpuAt)
    cpuMs.push((used.user + used.system) / 1000)
  }
  return { wallMs: Math.round(percentile(wallMs, 50)), cpuMs: Math.round(percentile(cpuMs, 50)) }
}
// Every card in view (the usual switch), and a filter on.
const inStep = storyRows(everyCard, 'newest')
const cardByCard = storyRows(someCards, 'newest')
// Every sort, both ways: { sort: [every card, a filter on] } in ms (wall).
const SORTS = ['newest', 'oldest', 'quality', 'heat', 'covered']
const bySort = Object.fromEntries(SORTS.map((sort) => [sort, [storyRows(everyCard, sort).wallMs, storyRows(someCards, sort).wallMs]]))
// Keeping the table in step: a sync batch rewrites 20 cards (an index patch), and the worker's reply moves one story.
const patchMs = []
for (let i = 0; i < 5; i++) {
  for (let k = 0; k < 20; k++) {
    const row = rows[(i * 997 + k * 7919) % rows.length]
    rowById.set(row.id, { ...row, quality: (row.quality ?? 0) + 1 })
  }
  const { anchor, ids } = [...map.storyOfAnchor.values()][(i * 4099) % map.storyOfAnchor.size]
  index = stories.updateLibraryIndex(index, rowById)
  map.apply({ reset: false, removed: [anchor], added: [[anchor, [...ids], null, null]], ms: 0 })
  started = performance.now()
  table.update(index, map)
  patchMs.push(performance.now() - started)
}

await rm(dir, { recursive: true, force: true })
console.log(
  JSON.stringify({
    cards: size,
    distinctRealTexts: texts.length,
    stories: clusters.stories().size,
    storiesOfSeveralCards: sizes.filter((n) => n > 1).length,
    biggestStory: Math.max(...sizes),
    firstClusteringMs: Math.round(firstMs),
    firstClusteringCpuMs: Math.round(firstCpuMs),
    extraHeapMb: Math.round(extraMb),
    extraArrayBuffersMb: Math.round(extraArrayBuffersMb),
    rewriteMs: { p50: +percentile(rewriteMs, 50).toFixed(1), p95: +percentile(rewriteMs, 95).toFixed(1), max: +Math.max(...rewriteMs).toFixed(1) },
    burst1000Ms: Math.round(burstMs),
    burstEqualsScratch: burstRight,
    burstStories: clusters.stories().size,
    storyRowsMs: inStep.wallMs,
    storyRowsCpuMs: inStep.cpuMs,
    storyRowsCardByCardMs: cardByCard.wallMs,
    storyRowsCardByCardCpuMs: cardByCard.cpuMs,
    storyTableMs: Math.round(percentile(tableMs, 50)),
    storyTablePatchMs: +percentile(patchMs, 50).toFixed(1),
    storyRowsBySortMs: bySort,
    loadAverage: (await import('node:os')).loadavg()[0].toFixed(1)
  })
)
