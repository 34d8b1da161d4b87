// CPU seconds of processes, read from /proc (Linux): of one process (the host), and of one Chromium profile's
// processes by type, for the measuring scripts that split a run's CPU between the host and Chromium's processes.
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second in /proc/PID/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100

/** CPU seconds (user + system, every thread) of a process, NaN once it is gone. */
export function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S
  } catch {
    return NaN
  }
}

/** CPU seconds of this profile's Chromium processes, by type (browser, renderer, ...). */
export function cpuByType(profile) {
  const byType = {}
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
      if (!args.some((arg) => arg.includes(profile))) continue
      const type = args.find((arg) => arg.startsWith('--type='))?.slice(7) ?? 'browser'
      byType[type] = (byType[type] ?? 0) + (cpuSecondsOf(pid) || 0)
    } catch {
      // Gone meanwhile.
    }
  }
  return byType
}
