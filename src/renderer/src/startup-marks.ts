// Named moments of the page's start (performance marks "tidings:<name>"), so a trace or
// scripts/measure-first-rows.mjs shows where the time to the first rows goes. Each is marked once.
const marked = new Set<string>()

export function markStartup(name: string): void {
  if (marked.has(name) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return
  marked.add(name)
  performance.mark(`tidings:${name}`)
}
