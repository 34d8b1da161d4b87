// Phase "kill": the host is killed with SIGKILL at random moments of a sync
// (each restart has a changed folder to sync, and a mark made just before),
// restarted on the same port, and the page must end equal to the folder as
// `tidings scan` reads it, with every mark, in IndexedDB and in the journal.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { cardsOnDisk } from './cli-scan.mjs'
import { freePort, startHostRetrying } from './host.mjs'
import { seedRealCards, waitForPage } from './live-phase.mjs'
import { marksMissingFromJournal, syntheticCard } from './model.mjs'
import { markOnlyByHand, openBrowser, readLibrary, setMark } from './page.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const PLAIN_TITLE = /^[A-Za-z0-9 ,.:;'()&-]{10,120}$/

function cardFiles(folder, dir = '') {
  return readdirSync(join(folder, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name
    return entry.isDirectory() ? cardFiles(folder, path) : entry.name.endsWith('.md') ? [path] : []
  })
}

/** Changes a real card the way its pipeline does: a new title line, the rest kept. */
function retitle(folder, path, round) {
  const text = readFileSync(join(folder, path), 'utf8')
  const changed = text.replace(/^title: "(.*)"\s*$/m, (_, title) => `title: "${title} (round ${round})"`)
  if (changed !== text) writeFileSync(join(folder, path), changed)
}

export async function runKillPhase({ random, cardsRoot, kills, workDir, log, smoke }) {
  const folder = join(workDir, 'kill-folder')
  const dataDir = join(workDir, 'kill-data')
  const profile = join(workDir, 'kill-profile')
  mkdirSync(folder, { recursive: true })
  seedRealCards({ random, cardsRoot, folder, count: smoke ? 30 : 620, under: 'related-heavy/' })
  seedRealCards({ random, cardsRoot, folder, count: smoke ? 5 : 200, under: 'real/' })
  const port = await freePort()
  const marks = new Map() // card id -> { read, starred }
  const findings = []
  const killLog = []
  let nextKey = 1
  let browser = await openBrowser(profile)
  let host = null
  const expected = () => {
    const disk = cardsOnDisk(folder)
    return { cards: new Map([...disk.cards].map(([path, card]) => [path, card.title])), errors: new Set(disk.errors), marks }
  }
  const markSomething = async (library, changed) => {
    // Only a card whose stored title is already the file's: a title the page is about to replace (a sync still running
    // after a restart) may vanish from the list while the click looks for it.
    const onDisk = expected().cards
    const candidates = library.cards.filter((card) => PLAIN_TITLE.test(card.title) && !changed.has(card.path) && onDisk.get(card.path) === card.title && library.cards.filter((c) => c.title === card.title).length === 1)
    if (candidates.length === 0) return null
    const card = candidates[random.int(0, candidates.length - 1)]
    const mark = { ...(marks.get(card.id) ?? { read: false, starred: false }) }
    const flag = random.chance(0.5) ? 'read' : 'starred'
    const on = !mark[flag]
    try {
      await setMark(browser.page, card.title, flag === 'read' ? 'read' : 'star', on)
    } catch (error) {
      throw new Error(`on "${card.title}": ${error.message.split('\n')[0]}`)
    }
    mark[flag] = on
    marks.set(card.id, mark)
    return `${on ? 'set' : 'cleared'} ${flag} on "${card.title}"`
  }

  try {
    host = await startHostRetrying({ folder, dataDir, port })
    await browser.page.goto(host.url)
    await markOnlyByHand(browser.page)
    let library = (await waitForPage({ page: browser.page, folder, expected: expected(), timeoutMs: 120_000 })).library
    for (let i = 0; i < (smoke ? 1 : 3); i++) await markSomething(library, new Set())

    // A kill that lands after the page caught up is not one during a sync: another round follows, up to twice as many.
    for (let round = 1; killLog.filter((k) => k.pageBehindAtKill > 0).length < kills && round <= kills * 2; round++) {
      // The host of the last round is still up: a mark made now races the kill.
      library = await readLibrary(browser.page, folder).catch(() => library)
      const marked = await markSomething(library, new Set()).catch((error) => `mark failed: ${error.message.split('\n')[0]}`)
      await host.kill()
      // Work for the next sync, done while the host is down so the restart has it to sync: retitled, deleted, added and renamed cards.
      const paths = cardFiles(folder)
      const changed = new Set()
      for (let n = 0; n < (smoke ? 40 : 300); n++) {
        const path = paths[random.int(0, paths.length - 1)]
        if (changed.has(path)) continue
        changed.add(path)
        const roll = random.int(0, 9)
        if (roll < 7) retitle(folder, path, round)
        else if (roll < 8) await rm(join(folder, path))
        else await rename(join(folder, path), join(dirname(join(folder, path)), `renamed-${round}-${n}.md`))
      }
      for (let n = 0; n < 10; n++) writeFileSync(join(folder, `2031-04-01-kill-${round}-${nextKey}.md`), syntheticCard(10_000 + nextKey++, round))

      // The kill point: a random time (a small sync is one batch, so only a time can land before it), or when the
      // page has taken a random share of the changes, whichever comes first.
      const target = expected()
      const before = differencesFrom(target, await readLibrary(browser.page, folder).catch(() => ({ cards: [] })))
      // The smoke has one kill to land and a folder small enough to sync in one batch: always by time.
      const byTimeOnly = smoke || random.chance(0.4)
      const share = byTimeOnly ? 1 : random.next()
      const capMs = byTimeOnly ? random.int(50, 1200) : random.int(300, 4000)
      host = await startHostRetrying({ folder, dataDir, port })
      const started = performance.now()
      await browser.page.goto(host.url)
      let behind = before
      while (performance.now() - started < capMs) {
        behind = differencesFrom(target, await readLibrary(browser.page, folder).catch(() => ({ cards: [] })))
        if (!byTimeOnly && behind <= Math.floor(before * (1 - share))) break
        await sleep(20)
      }
      const delayMs = Math.round(performance.now() - started)
      await host.kill()
      library = await readLibrary(browser.page, folder).catch(() => ({ cards: [], errors: [], states: [] }))
      behind = differencesFrom(target, library)
      killLog.push({ round, trigger: byTimeOnly ? `${capMs} ms` : `${Math.round(share * 100)}% of the changes or ${capMs} ms`, delayMs, changedFiles: changed.size + 10, before, marked, pageBehindAtKill: behind })
      log(`  kill ${round} (${killLog.filter((k) => k.pageBehindAtKill > 0).length}/${kills} during a sync): SIGKILL ${delayMs} ms after the restart; the page had ${before} differences from the folder, ${behind > 0 ? `${behind} left` : 'none left'} at the kill; ${marked ?? 'no mark'}`)
      host = await startHostRetrying({ folder, dataDir, port })
      await browser.page.goto(host.url)
    }

    const final = await waitForPage({ page: browser.page, folder, expected: expected(), timeoutMs: smoke ? 30_000 : 120_000 })
    if (final.problems.length > 0) findings.push({ stage: 'after the last restart', kind: 'converge', problem: `${final.problems.length} differences after ${final.ms} ms: ${final.problems.slice(0, 4).join('; ')}`, detail: '', source: '', known: null })
    // The journal is what a lost database is rebuilt from: every mark must be in it too.
    const notJournaled = marksMissingFromJournal(await host.call('loadMarks'), marks)
    if (notJournaled.length > 0) findings.push({ stage: 'journal', kind: 'marks', problem: `${notJournaled.length} marks not in the journal: ${notJournaled.slice(0, 3).join(', ')}`, detail: '', source: '', known: null })
    return {
      kills: killLog.length,
      wanted: kills,
      cards: expected().cards.size,
      killLog,
      killsMidSync: killLog.filter((k) => k.pageBehindAtKill > 0).length,
      marksSet: [...marks.values()].filter((m) => m.read || m.starred).length,
      cardsLost: final.problems.filter((p) => p.startsWith('missing card') || p.startsWith('stale card')).length,
      marksLost: final.problems.filter((p) => p.startsWith('mark lost')).length + notJournaled.length,
      finalMs: final.ms,
      pageErrors: browser.problems.slice(0, 5),
      findings
    }
  } finally {
    await browser.context.close().catch(() => {})
    await host?.stop()
  }
}

function differencesFrom(expected, library) {
  const got = new Map(library.cards.map((card) => [card.path, card.title]))
  let differences = 0
  for (const [path, title] of expected.cards) if (got.get(path) !== title) differences++
  for (const path of got.keys()) if (!expected.cards.has(path)) differences++
  return differences
}
