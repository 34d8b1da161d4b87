// CPU seconds of one Chromium profile's processes, by process type, read from /proc (Linux): shared by the
// measuring scripts that split a run's CPU between the browser, renderer and utility processes.
import { readdirSync, readFileSync } from 'node:fs'

/** CPU seconds of this profile's Chromium processes, by type (browser, renderer, ...). */
export function cpuByType(profile) {
  const byType = {}
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
      if (!args.some((arg) => arg.includes(profile))) continue
      const type = args.find((arg) => arg.startsWith('--type='))?.slice(7) ?? 'browser'
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      byType[type] = (byType[type] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100
    } catch {
      // Gone meanwhile.
    }
  }
  return byType
}
