// Phase "live": random operations on a folder open in `tidings serve` + Chromium,
// in bursts; after each burst the page's IndexedDB and its list must equal a
// model of the folder and of every mark. Half-way, IndexedDB is wiped.
import { copyFileSync, mkdirSync } from 'node:fs'
import { mkdir, rename, rm, truncate, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { cardsOnDisk } from './cli-scan.mjs'
import { listRealCards, shuffled } from './corpus.mjs'
import { freePort, startHost } from './host.mjs'
import { compareLibrary, marksMissingFromJournal, syntheticCard, titleOf } from './model.mjs'
import { markOnlyByHand, openBrowser, readLibrary, setMark, shownCount, wipeIndexedDb } from './page.mjs'

/** Thrown by --stop-at-first: the first burst that does not match ends the run, its details already logged. */
class StopAtFirst extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const OPERATIONS = { add: 12, rewrite: 14, rename: 10, delete: 8, 're-add': 6, move: 8, 'truncate-write': 8, 'temp-rename': 8, mark: 16, unmark: 10 }

/** Copies `count` real cards (from below `under`) into `folder`/real; returns how many. */
export function seedRealCards({ random, cardsRoot, folder, count, under = '' }) {
  const picked = shuffled(random, listRealCards(cardsRoot).filter((path) => path.startsWith(under))).slice(0, count)
  for (const path of picked) {
    mkdirSync(dirname(join(folder, 'real', path)), { recursive: true })
    copyFileSync(join(cardsRoot, path), join(folder, 'real', path))
  }
  return picked.length
}

/** Waits until the page equals the model; returns the problems left when it never did. */
export async function waitForPage({ page, folder, expected, timeoutMs }) {
  const started = performance.now()
  let problems = []
  for (;;) {
    const library = await readLibrary(page, folder).catch((error) => ({ cards: [], errors: [], states: [], failed: error.message }))
    problems = library.failed ? [`IndexedDB unreadable: ${library.failed}`] : compareLibrary({ page: library, expectedCards: expected.cards, expectedMarks: expected.marks, expectedErrors: expected.errors, shown: await shownCount(page) })
    if (problems.length === 0) return { problems, ms: Math.round(performance.now() - started), library }
    if (performance.now() - started > timeoutMs) return { problems, ms: Math.round(performance.now() - started), library }
    await sleep(250)
  }
}

export async function runLivePhase({ random, cardsRoot, operations, burst, workDir, log, smoke, stopAtFirst = false }) {
  const folder = join(workDir, 'live-folder')
  const dataDir = join(workDir, 'live-data')
  const profile = join(workDir, 'live-profile')
  mkdirSync(folder, { recursive: true })
  seedRealCards({ random, cardsRoot, folder, count: smoke ? 20 : 150 })
  // Real cards that share a story with another would make the winner depend on dates: keep stories of one file.
  const disk = cardsOnDisk(folder)
  const base = new Map()
  for (const [path, card] of disk.cards) if (card.aliases.length === 0) base.set(path, card.title)
  for (const path of [...disk.errors, ...[...disk.cards.values()].flatMap((card) => card.aliases), ...[...disk.cards].filter(([, c]) => c.aliases.length > 0).map(([p]) => p)]) await rm(join(folder, path), { force: true })

  const files = new Map() // path -> { key, version }
  const versions = new Map() // key -> last version written
  const deleted = []
  const subfolders = ['']
  const marks = new Map() // card id -> { read, starred }
  const idOfKey = new Map()
  let nextKey = 1
  const counts = Object.fromEntries(Object.keys(OPERATIONS).map((op) => [op, 0]))
  const findings = []
  const convergeMs = []
  /** The operations of the current burst, as done, for the log of a burst that does not match. */
  let trail = []

  const expectedCards = () => new Map([...base, ...[...files].map(([path, { key, version }]) => [path, titleOf(key, version)])])
  const expected = () => ({ cards: expectedCards(), marks })
  const nameFor = (key, dir) => join(dir, `2031-03-${String((key % 28) + 1).padStart(2, '0')}-fuzz-${key}-${random.int(0, 1e6)}.md`)
  const write = async (path, key) => {
    const version = (versions.get(key) ?? 0) + 1
    versions.set(key, version)
    await writeFile(join(folder, path), syntheticCard(key, version))
    return version
  }
  const pickFile = () => {
    const paths = [...files.keys()]
    return paths.length === 0 ? null : paths[random.int(0, paths.length - 1)]
  }
  for (let i = 0; i < (smoke ? 10 : 40); i++) {
    const key = nextKey++
    const path = nameFor(key, '')
    files.set(path, { key, version: await write(path, key) })
  }

  const port = await freePort()
  const host = await startHost({ folder, dataDir, port })
  let browser = await openBrowser(profile)
  const open = async () => {
    await browser.page.goto(host.url)
    await markOnlyByHand(browser.page)
  }
  const settle = async (label) => {
    const result = await waitForPage({ page: browser.page, folder, expected: expected(), timeoutMs: smoke ? 20_000 : 30_000 })
    convergeMs.push(result.ms)
    for (const card of result.library.cards) {
      const key = Number(card.title.match(/^Fuzz story (\d+) v\d+$/)?.[1])
      if (key) idOfKey.set(key, card.id)
    }
    if (result.problems.length > 0) {
      findings.push({ stage: label, kind: 'converge', problem: `${result.problems.length} differences after ${result.ms} ms: ${result.problems.slice(0, 4).join('; ')}`, detail: '', source: '', known: null })
      log(`  live: ${label}: the page did not match in ${result.ms} ms:\n    ${result.problems.join('\n    ')}\n  the burst's operations:\n    ${trail.join('\n    ')}\n  the host's last output:\n    ${host.output.slice(-20).join('\n    ')}`)
      if (stopAtFirst) throw new StopAtFirst(label)
    }
    return result
  }

  const wipeAt = Math.floor(operations / burst / 2) * burst
  let wipe = null
  try {
    await open()
    await settle('start')
    for (const { key, version } of [...files.values()].slice(0, 2)) {
      await setMark(browser.page, titleOf(key, version), 'star', true)
      marks.set(idOfKey.get(key), { read: false, starred: true })
    }
    for (let done = 0; done < operations; ) {
      // Only cards the page showed at the last check, untouched since, can be found and marked by title.
      const markable = new Map([...files.values()].filter(({ key }) => idOfKey.has(key)).map(({ key, version }) => [key, version]))
      trail = []
      for (let n = 0; n < burst && done < operations; n++, done++) {
        const applied = await applyOperation(pickOperation(random))
        if (applied) counts[applied]++
        if (stopAtFirst && applied) log(`    op ${done + 1}: ${trail.at(-1)}`)
      }
      await settle(`burst ending at op ${done}`)
      if (done === wipeAt) {
        await browser.context.close()
        wipeIndexedDb(profile)
        browser = await openBrowser(profile)
        await open()
        const result = await settle('after the IndexedDB wipe')
        wipe = { atOperation: done, cards: expectedCards().size, marks: [...marks.values()].filter((m) => m.read || m.starred).length, problems: result.problems.length, ms: result.ms }
        log(`  live: IndexedDB wiped at operation ${done}; ${wipe.problems === 0 ? `all ${wipe.cards} cards and ${wipe.marks} marks back in ${result.ms} ms` : `${wipe.problems} differences`}`)
      }
      if (done % 100 === 0) log(`  live: ${done}/${operations} operations, ${findings.length} findings`)

      async function applyOperation(op) {
        const path = pickFile()
        if (op === 'add' || (op === 're-add' && deleted.length === 0) || path === null) {
          const key = nextKey++
          const target = nameFor(key, subfolders[random.int(0, subfolders.length - 1)])
          files.set(target, { key, version: await write(target, key) })
          trail.push(`add ${target} (${titleOf(key, versions.get(key))})`)
          return 'add'
        } else if (op === 're-add') {
          const key = deleted.splice(random.int(0, deleted.length - 1), 1)[0]
          const target = nameFor(key, subfolders[random.int(0, subfolders.length - 1)])
          files.set(target, { key, version: await write(target, key) })
          trail.push(`re-add ${target} (${titleOf(key, versions.get(key))})`)
        } else if (op === 'rewrite') {
          const { key } = files.get(path)
          files.set(path, { key, version: await write(path, key) })
          markable.delete(key)
          trail.push(`rewrite ${path} (${titleOf(key, versions.get(key))})`)
        } else if (op === 'rename' || op === 'move') {
          const entry = files.get(path)
          let dir = dirname(path) === '.' ? '' : dirname(path)
          if (op === 'move') {
            dir = random.chance(0.5) && subfolders.length > 1 ? subfolders[random.int(1, subfolders.length - 1)] : join(dir, `sub-${random.int(0, 99)}`)
            if (dir.split('/').length > 3) dir = `sub-${random.int(0, 99)}`
            await mkdir(join(folder, dir), { recursive: true })
            if (!subfolders.includes(dir)) subfolders.push(dir)
          }
          const target = op === 'move' ? join(dir, basename(path)) : nameFor(entry.key, dir)
          if (files.has(target)) return null
          await rename(join(folder, path), join(folder, target))
          files.delete(path)
          files.set(target, entry)
          trail.push(`${op} ${path} -> ${target}`)
        } else if (op === 'delete') {
          await rm(join(folder, path))
          trail.push(`delete ${path}`)
          deleted.push(files.get(path).key)
          markable.delete(files.get(path).key)
          files.delete(path)
        } else if (op === 'truncate-write') {
          // A writer that empties the file first: the watcher may see it empty.
          await truncate(join(folder, path), 0)
          await sleep(random.int(0, 300))
          const { key } = files.get(path)
          files.set(path, { key, version: await write(path, key) })
          markable.delete(key)
          trail.push(`truncate-write ${path} (${titleOf(key, versions.get(key))})`)
        } else if (op === 'temp-rename') {
          const { key } = files.get(path)
          const version = (versions.get(key) ?? 0) + 1
          versions.set(key, version)
          const temp = join(dirname(path), `.${basename(path)}.${random.int(0, 1e6)}.tmp`)
          await writeFile(join(folder, temp), syntheticCard(key, version))
          await rename(join(folder, temp), join(folder, path))
          files.set(path, { key, version })
          markable.delete(key)
          trail.push(`temp-rename ${temp} -> ${path} (${titleOf(key, version)})`)
        } else {
          const keys = [...markable.keys()].filter((key) => op === 'mark' || isMarked(idOfKey.get(key)))
          if (keys.length === 0) return null
          const key = keys[random.int(0, keys.length - 1)]
          const id = idOfKey.get(key)
          const mark = { ...(marks.get(id) ?? { read: false, starred: false }) }
          const flag = op === 'mark' ? (random.chance(0.5) ? 'read' : 'starred') : mark.read && (!mark.starred || random.chance(0.5)) ? 'read' : 'starred'
          const on = op === 'mark'
          try {
            await setMark(browser.page, titleOf(key, markable.get(key)), flag === 'read' ? 'read' : 'star', on)
            mark[flag] = on
            marks.set(id, mark)
            trail.push(`${op} ${flag} on "${titleOf(key, markable.get(key))}" (${id})`)
          } catch (error) {
            findings.push({ stage: `op ${done}`, kind: op, problem: `could not ${op} "${titleOf(key, markable.get(key))}": ${error.message.split('\n')[0]}`, detail: '', source: '', known: null })
            return null
          }
        }
        return op
      }
    }
    const final = await settle('the end')
    // The check itself must be able to fail: a model with one card more than the folder must not match the page.
    const canary = compareLibrary({ page: final.library, expectedCards: new Map([...expectedCards(), ['canary.md', 'Not in the folder']]), expectedMarks: marks })
    if (canary.length === 0) findings.push({ stage: 'the end', kind: 'harness', problem: 'the page matched a model with a card the folder lacks: the check proves nothing', detail: '', source: '', known: null })
    // Marks of cards deleted and never re-added are checked where they live on: the journal.
    const notJournaled = marksMissingFromJournal(await host.call('loadMarks'), marks)
    if (notJournaled.length > 0) findings.push({ stage: 'journal', kind: 'marks', problem: `${notJournaled.length} marks not in the journal: ${notJournaled.slice(0, 3).join(', ')}`, detail: '', source: '', known: null })
    return {
      operations,
      burst,
      bursts: Math.ceil(operations / burst),
      counts,
      baseCards: base.size,
      finalCards: expectedCards().size,
      marksSet: [...marks.values()].filter((m) => m.read || m.starred).length,
      cardsLost: final.problems.filter((p) => p.startsWith('missing card') || p.startsWith('stale card')).length,
      marksLost: final.problems.filter((p) => p.startsWith('mark lost')).length + notJournaled.length,
      wipe,
      medianConvergeMs: convergeMs.sort((a, b) => a - b)[Math.floor(convergeMs.length / 2)],
      maxConvergeMs: Math.max(...convergeMs),
      pageErrors: browser.problems.slice(0, 5),
      findings
    }
  } finally {
    await browser.context.close().catch(() => {})
    await host.stop()
  }

  function isMarked(id) {
    const mark = marks.get(id)
    return Boolean(mark && (mark.read || mark.starred))
  }
}

function pickOperation(random) {
  const total = Object.values(OPERATIONS).reduce((a, b) => a + b, 0)
  let roll = random.int(0, total - 1)
  for (const [op, weight] of Object.entries(OPERATIONS)) {
    if (roll < weight) return op
    roll -= weight
  }
}
