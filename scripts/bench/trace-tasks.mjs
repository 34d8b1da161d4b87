#!/usr/bin/env node
// Where a page's long tasks went, from a Chrome trace (measure-open-card.mjs --trace): every task of the page's
// main thread of at least MIN_MS (default 50), its length, and the events inside it summed by kind (script by
// function, event dispatch by type, layout, style, paint, GC, IndexedDB callbacks). A figure, not a test:
//   node scripts/bench/trace-tasks.mjs TRACE.json [MIN_MS]
import { readFileSync } from 'node:fs'

const [path, minArg] = process.argv.slice(2)
if (!path) {
  console.error('usage: trace-tasks.mjs TRACE.json [MIN_MS]')
  process.exit(1)
}
const minUs = Number(minArg ?? 50) * 1000
const parsed = JSON.parse(readFileSync(path, 'utf8'))
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents

// The page's main thread: the CrRendererMain thread that ran the most task time.
const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
const isTask = (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
const taskTime = new Map()
for (const e of events) {
  const key = `${e.pid}:${e.tid}`
  if (isTask(e) && mainThreads.has(key)) taskTime.set(key, (taskTime.get(key) ?? 0) + e.dur)
}
const [main] = [...taskTime].sort((a, b) => b[1] - a[1])[0] ?? []
if (!main) {
  console.error('no renderer main thread with tasks in this trace')
  process.exit(1)
}
const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur)
const tasks = onMain.filter((e) => isTask(e) && e.dur >= minUs)

function kindOf(e) {
  const data = e.args?.data ?? {}
  if (e.name === 'FunctionCall') return `script ${data.functionName || '(anonymous)'} ${String(data.url ?? '').split('/').pop()}:${data.lineNumber ?? ''}`
  if (e.name === 'EventDispatch') return `event ${data.type}`
  if (e.name === 'TimerFire') return 'timer'
  if (e.name === 'FireAnimationFrame') return 'animation frame'
  if (e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule') return `compile/evaluate ${String(data.url ?? '').split('/').pop()}`
  return e.name
}

// Self time per kind inside the long tasks: each event's length less its children's.
const totals = new Map()
let inTasks = 0
let index = 0
for (const task of tasks) {
  inTasks += task.dur
  const end = task.ts + task.dur
  while (index < onMain.length && onMain[index].ts < task.ts) index++
  const stack = []
  const add = (e, us) => {
    if (us <= 0 || isTask(e)) return
    const kind = kindOf(e)
    totals.set(kind, (totals.get(kind) ?? 0) + us)
  }
  for (let i = index; i < onMain.length && onMain[i].ts < end; i++) {
    const e = onMain[i]
    if (e === task) continue
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) {
      const done = stack.pop()
      add(done.event, done.self)
    }
    if (stack.length) stack.at(-1).self -= Math.min(e.dur, stack.at(-1).ts + stack.at(-1).dur - e.ts)
    stack.push({ event: e, ts: e.ts, dur: e.dur, self: e.dur })
  }
  while (stack.length) {
    const done = stack.pop()
    add(done.event, done.self)
  }
}
const ms = (us) => (us / 1000).toFixed(0)
const lengths = tasks.map((t) => t.dur).sort((a, b) => b - a)
console.log(`${tasks.length} tasks of ${ms(minUs)} ms or more on the page's main thread, ${ms(inTasks)} ms in all; longest: ${lengths.slice(0, 8).map(ms).join(', ')} ms`)
console.log('self time inside them, by kind:')
for (const [kind, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms(us).padStart(8)} ms  ${kind}`)
