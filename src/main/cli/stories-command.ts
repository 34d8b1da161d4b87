// `tidings stories FOLDER [--json]`: the folder's stories (cards that tell one
// event), biggest first, for people or as JSON lines for tools.
import { resolve } from 'node:path'
import type { Card } from '../../shared/card'
import { listStories, type StoryCard, type StorySummary } from '../../shared/stories'
import { scanFolder } from '../core/scan/scan'
import { messageOf } from '../../shared/errors'
import { parseCommandArgs } from './command-args'
import { unusableFolderExit, usageExit } from './exits'
import { stdio, type CliIo } from './io'
import { startProgress } from './progress'

export const STORIES_HELP = `Usage: tidings stories FOLDER [--json]

Reads every card in FOLDER and groups the cards that tell one event (similar
headlines and excerpts, published within three days) into stories, biggest first.

  --json   one JSON object per line: {"type":"story","id","lead","cards",
           "outlets","firstAt","latestAt"} (paths relative to FOLDER,
           a card's copies included), and last {"type":"summary",...}

Exit status: 0 when the folder was read, 1 for bad usage, 2 when the folder
cannot be used (missing, not a folder, unreadable).
`

type FolderCard = StoryCard & { paths: string[]; title: string }

const factsOf = (card: Card): FolderCard => ({
  id: card.id,
  title: card.title,
  excerpt: card.excerpt,
  publishedAtMs: card.publishedAtMs,
  providerDomain: card.provider?.domain ?? '',
  quality: card.quality,
  type: card.type,
  paths: [card.path, ...card.aliases]
})

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

export async function run(args: string[], io: CliIo = stdio): Promise<number> {
  let parsed
  try {
    parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } })
  } catch (error) {
    return usageExit('stories', STORIES_HELP, io, messageOf(error))
  }
  if (parsed.values.help) return usageExit('stories', STORIES_HELP, io)
  if (parsed.positionals.length !== 1) return usageExit('stories', STORIES_HELP, io, `give one folder of cards (got ${parsed.positionals.length}).`)
  const folder = resolve(parsed.positionals[0])
  const progress = startProgress(io)
  let cards: Card[]
  try {
    cards = (await scanFolder(folder, { onProgress: progress.update })).cards
  } catch (error) {
    progress.stop()
    return unusableFolderExit('stories', error, io)
  }
  progress.stop()
  const started = performance.now()
  const stories = listStories(cards.map(factsOf))
  const summary = { folder, cards: cards.length, stories: stories.length, withSeveralOutlets: stories.filter((story) => story.outlets > 1).length, clusterMs: Math.round(performance.now() - started) }
  if (parsed.values.json) printJson(stories, summary, io)
  else printText(stories, summary, io)
  return 0
}

function printJson(stories: StorySummary<FolderCard>[], summary: object, io: CliIo): void {
  const lines = stories.map((story) =>
    JSON.stringify({
      type: 'story',
      id: story.id,
      lead: story.lead.paths[0],
      cards: story.cards.flatMap((card) => card.paths),
      outlets: story.outlets,
      firstAt: isoOf(story.firstAtMs),
      latestAt: isoOf(story.latestAtMs)
    })
  )
  lines.push(JSON.stringify({ type: 'summary', ...summary }))
  io.out(`${lines.join('\n')}\n`)
}

function printText(stories: StorySummary<FolderCard>[], summary: { cards: number; stories: number; withSeveralOutlets: number; folder: string }, io: CliIo): void {
  const lines = [`Stories in ${summary.folder}`, `  ${summary.cards} cards in ${summary.stories} stories, ${summary.withSeveralOutlets} told by more than one outlet`, '']
  for (const story of stories.filter((each) => each.cards.length > 1)) {
    const when = isoOf(story.latestAtMs)?.slice(0, 10) ?? 'undated'
    lines.push(`  ${story.cards.length} cards, ${story.outlets} outlet${story.outlets === 1 ? '' : 's'}, latest ${when}  [${story.id}]`, `    ${story.lead.title}`)
  }
  io.out(`${lines.join('\n')}\n`)
}
