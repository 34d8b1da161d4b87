// What each contract call accepts, checked where a request enters a host (the browser host's HTTP
// API, Electron's IPC), so a malformed request is refused with the call's name and the problem
// instead of reaching the core and failing there with an internal TypeError.
import type { CallName } from './contract'

type Check = (arg: unknown) => string | null

const NONE: Check = (arg) => (arg === null || arg === undefined ? null : 'takes no argument')

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const isNullableNumber = (value: unknown) => value === null || isFiniteNumber(value)
const isNullableString = (value: unknown) => value === null || typeof value === 'string'

/** The argument must be an object whose listed fields pass; the first failure is the answer. */
function fields(checks: Record<string, (value: unknown) => string | null>): Check {
  return (arg) => {
    if (!isObject(arg)) return `wants an object {${Object.keys(checks).join(', ')}}, got ${describe(arg)}`
    for (const [name, check] of Object.entries(checks)) {
      const problem = check(arg[name])
      if (problem) return `${name} ${problem}`
    }
    return null
  }
}

const string = (value: unknown) => (typeof value === 'string' && value.length > 0 ? null : `must be a non-empty string, got ${describe(value)}`)

/** Every item checked: one bad entry among 100k is named by its index. */
function listOf(what: string, check: (item: unknown) => boolean): (value: unknown) => string | null {
  return (value) => {
    if (!Array.isArray(value)) return `must be a list of ${what}, got ${describe(value)}`
    for (let i = 0; i < value.length; i++) if (!check(value[i])) return `[${i}] is not ${what}: ${describe(value[i])}`
    return null
  }
}

const isManifestEntry = (entry: unknown) =>
  isObject(entry) && typeof entry.path === 'string' && isFiniteNumber(entry.size) && isFiniteNumber(entry.mtimeMs) && isNullableString(entry.id) && isNullableNumber(entry.publishedAtMs)

const isMark = (mark: unknown) =>
  isObject(mark) &&
  typeof mark.id === 'string' &&
  typeof mark.read === 'boolean' &&
  isNullableNumber(mark.readAt) &&
  typeof mark.starred === 'boolean' &&
  isNullableNumber(mark.starredAt) &&
  isFiniteNumber(mark.updatedAt)

const SETTINGS: Record<string, (value: unknown) => boolean> = {
  imageCacheLimitBytes: (value) => isFiniteNumber(value) && value >= 0,
  allowPrivateImages: (value) => typeof value === 'boolean'
}

const CHECKS: Record<CallName, Check> = {
  getAppInfo: NONE,
  getFirstCards: NONE,
  chooseFolder: NONE,
  loadMarks: NONE,
  getImageStatus: NONE,
  openFolder: fields({ folder: string }),
  syncFolder: fields({ folder: string, manifest: listOf('a manifest entry {path, size, mtimeMs, id, publishedAtMs}', isManifestEntry) }),
  recordMarks: fields({ marks: listOf('a mark {id, read, readAt, starred, starredAt, updatedAt}', isMark) }),
  resolveImages: fields({
    urls: listOf('a string', (url) => typeof url === 'string'),
    priority: (value) => (value === 'visible' || value === 'background' ? null : `must be "visible" or "background", got ${describe(value)}`)
  }),
  updateSettings: (arg) => {
    if (!isObject(arg)) return `wants an object of settings, got ${describe(arg)}`
    for (const [name, value] of Object.entries(arg)) {
      const check = SETTINGS[name]
      if (!check) return `has no setting "${name.slice(0, 60)}"`
      if (!check(value)) return `${name} cannot be ${describe(value)}`
    }
    return null
  },
  getCard: fields({
    folder: string,
    id: string,
    path: (value) => (value === undefined || typeof value === 'string' ? null : `must be a string, got ${describe(value)}`)
  }),
  getMarksSync: fields({ folder: string }),
  setMarksSync: fields({
    folder: string,
    enabled: (value) => (value === undefined || typeof value === 'boolean' ? null : `must be true or false, got ${describe(value)}`),
    deviceName: (value) => (value === undefined || typeof value === 'string' ? null : `must be a string, got ${describe(value)}`)
  }),
  openExternal: fields({ url: string }),
  savedUpTo: fields({ seq: (value) => (isFiniteNumber(value) ? null : `must be a number, got ${describe(value)}`) })
}

/** Why `arg` is not what call `name` accepts, or null when it is. */
export function callArgProblem(name: CallName, arg: unknown): string | null {
  return CHECKS[name](arg)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return `"${value.slice(0, 40)}${value.length > 40 ? '…' : ''}"`
  if (typeof value === 'object') return 'an object'
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value
}
