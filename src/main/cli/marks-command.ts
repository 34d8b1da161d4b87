// `tidings marks FOLDER [--json]`: the read and star marks devices keep with a
// card folder (.tidings/marks/), merged as every device merges them.
import { resolve } from 'node:path'
import { checkFolderUsable } from '../core/app-core'
import { readFolderMarks, type FieldWinner, type FolderDevice } from '../core/marks-sync/read-folder-marks'
import { messageOf } from '../../shared/errors'
import { parseCommandArgs } from './command-args'
import { unusableFolderExit, usageExit } from './exits'
import { stdio, type CliIo } from './io'

export const MARKS_HELP = `Usage: tidings marks FOLDER [--json]

Prints the read and star marks kept with FOLDER by the devices that have
"Keep read marks with the folder" on, merged the way each device merges them
(latest mark per card and field wins), with the device and time of each mark,
and the devices found.

  --json   one JSON object per line: {"type":"device","id","name","marks","badLines","lastMarkAt"}
           for each device, {"type":"mark","id","read":{"value","device","deviceName","at"},"starred":...}
           for each card (a field no device set is left out), and last {"type":"summary",...}

Exit status: 0 when the folder was read (even with damaged lines), 1 for bad
usage, 2 when the folder cannot be used.
`

export async function run(argv: string[], io: CliIo = stdio): Promise<number> {
  let values: { json?: boolean; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }))
  } catch (error) {
    return usageExit('marks', MARKS_HELP, io, messageOf(error))
  }
  if (values.help) {
    return usageExit('marks', MARKS_HELP, io)
  }
  if (positionals.length !== 1) {
    return usageExit('marks', MARKS_HELP, io, `expected one FOLDER, got ${positionals.length}`)
  }
  const folder = resolve(positionals[0])
  try {
    await checkFolderUsable(folder)
  } catch (error) {
    return unusableFolderExit('marks', error, io)
  }
  const found = await readFolderMarks(folder)
  const names = new Map(found.devices.map((device) => [device.id, device.name ?? device.id]))
  const badLines = found.devices.reduce((sum, device) => sum + device.badLines, 0)
  const withName = (winner: FieldWinner | undefined) => (winner ? { ...winner, deviceName: names.get(winner.device) ?? winner.device } : undefined)

  if (values.json) {
    for (const device of found.devices) io.out(JSON.stringify({ type: 'device', ...device }) + '\n')
    for (const card of found.cards) io.out(JSON.stringify({ type: 'mark', id: card.id, read: withName(card.read), starred: withName(card.starred) }) + '\n')
    io.out(JSON.stringify({ type: 'summary', folder, devices: found.devices.length, cards: found.cards.length, badLines }) + '\n')
    return 0
  }

  if (found.devices.length === 0) {
    io.out(`No device keeps its marks in ${folder} (no ${found.dir}).\n`)
    return 0
  }
  io.out(`Marks kept with ${folder}\n\n${found.devices.length} ${found.devices.length === 1 ? 'device' : 'devices'}:\n`)
  for (const device of found.devices) io.out(`  ${describeDevice(device)}\n`)
  io.out(`\n${found.cards.length} ${found.cards.length === 1 ? 'card' : 'cards'} marked:\n`)
  for (const card of found.cards) {
    const fields = (['read', 'starred'] as const).flatMap((field) => {
      const winner = withName(card[field])
      if (!winner) return []
      const label = field === 'read' ? (winner.value ? 'read' : 'unread') : winner.value ? 'starred' : 'not starred'
      return [`${label} (${winner.deviceName}, ${isoTime(winner.at)})`]
    })
    io.out(`  ${card.id}: ${fields.join('; ')}\n`)
  }
  if (badLines > 0) io.out(`\nSkipped ${badLines} damaged ${badLines === 1 ? 'line' : 'lines'} (torn, or still being synced).\n`)
  return 0
}

const isoTime = (ms: number): string => new Date(ms).toISOString()

function describeDevice(device: FolderDevice): string {
  const last = device.lastMarkAt === null ? '' : `, last ${isoTime(device.lastMarkAt)}`
  const bad = device.badLines > 0 ? `, ${device.badLines} damaged ${device.badLines === 1 ? 'line' : 'lines'} skipped` : ''
  return `${device.name ?? '(no name)'} [${device.id}]: ${device.marks} ${device.marks === 1 ? 'mark' : 'marks'}${last}${bad}`
}
