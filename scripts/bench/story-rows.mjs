// The Stories rows of `npm run bench`: the first clustering, switching to
// Stories mode, a rewrite re-clustered and a 1,000-change live burst, measured
// by scripts/bench-stories.mjs in its own process (its heap figure must not
// include the rest of the bench). Its cards are the real cards' texts repeated
// in time-shifted rounds: the generated folders' vocabulary makes no stories.
import { join, resolve } from 'node:path'
import { ms } from './core-rows.mjs'
import { runNodeJson } from './measure.mjs'

const SCRIPT = join(resolve(import.meta.dirname, '..'), 'bench-stories.mjs')

/** bench-stories.mjs's result for `size` cards. */
export function measureStories(size, { log }) {
  log(`  stories: clustering ${size.toLocaleString('en')} real-shaped cards ...`)
  return runNodeJson(SCRIPT, ['--size', String(size)], { timeoutMs: 10 * 60_000 })
}

const mb = (value) => `${Math.round(value)} MB`
const right = (value) => (value ? 'right' : '**wrong**')

/** Adds the story rows through report.mjs's `row(measure, pick, format, target, judge)`; `verdict(value, limit, format)` as there. */
export function addStoryRows(row, verdict) {
  const stories = (f) => (r) => (r.stories && !r.stories.error ? f(r.stories) : undefined)
  row('**first story clustering** (the stories worker\'s code, in Node; real texts repeated)', stories((s) => s.firstClusteringMs), ms, '≤ 5 s, off the UI thread', (v) => verdict(v, 5000, ms))
  row('  its CPU time / stories found (of several cards)', stories((s) => s), (s) => `${ms(s.firstClusteringCpuMs)} / ${s.stories.toLocaleString('en')} (${s.storiesOfSeveralCards.toLocaleString('en')})`)
  // Typed arrays outside the V8 heap (vectors, the posting table's keys) count too.
  const extraMb = (s) => s.extraHeapMb + (s.extraArrayBuffersMb ?? 0)
  row('  extra memory once clustered (V8 heap + typed arrays)', stories((s) => s), (s) => `${mb(extraMb(s))} (${mb(s.extraHeapMb)} + ${mb(s.extraArrayBuffersMb ?? 0)})`, '≤ 150 MB', (s) => verdict(s && extraMb(s), 150, mb))
  row('**switch to Stories** (the list\'s rows from the story table, every card in view, the first screenful\'s facts)', stories((s) => s.storyRowsMs), ms, '≤ 100 ms', (v) => verdict(v, 100, ms))
  row('  the same with a filter on (every other card in view)', stories((s) => s.storyRowsCardByCardMs), ms, '≤ 100 ms', (v) => verdict(v, 100, ms))
  // Slowest of the five sorts, every card in view or a filter on.
  const slowestSort = (s) => (s.storyRowsBySortMs ? Math.max(...Object.values(s.storyRowsBySortMs).flat()) : undefined)
  row('  the slowest sort (newest, oldest, quality, heat, most covered), either way', stories(slowestSort), ms, '≤ 100 ms', (v) => verdict(v, 100, ms))
  row('  the story table: built when the worker first answers / patched per sync batch and reply', stories((s) => s), (s) => `${ms(s.storyTableMs)} / ${s.storyTablePatchMs ?? 'n/a'} ms`)
  row('a rewrite re-clustered, p50 / p95', stories((s) => s.rewriteMs), (p) => `${p.p50} ms / ${p.p95} ms`, '≤ 50 ms', (p) => verdict(p?.p95, 50, ms))
  row('**1,000-change live burst**: story count and outlet counts against a clustering from scratch', stories((s) => s.burstEqualsScratch), right, 'right', (v) => (v === undefined ? 'n/a' : v ? 'pass' : '**miss**'))
  row('  the burst\'s time / stories after it', stories((s) => s), (s) => `${ms(s.burst1000Ms)} / ${s.burstStories?.toLocaleString('en') ?? 'n/a'}`)
}
