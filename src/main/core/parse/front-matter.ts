// Front matter: the fences and language are checked here, then the fast path
// gets a try, then gray-matter. Both paths end in the same shape; js-yaml's
// result also gets the node-budget check.
import type { CardErrorCode } from '../../../shared/card'
import { CodeFrontMatterError, readFrontMatterWithGrayMatter, YAMLException } from './gray-matter-reader'
import { EXPANDED_SIZE_BUDGET, exceededBudget, nodeBudgetFor } from './node-budget'
import { tryFastFrontMatter } from './fast-path'
import { messageOf } from '../../../shared/errors'

export type FrontMatterOutcome =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; code: CardErrorCode; message: string; line?: number }

const CODE_LANGUAGES = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson'])
const DATA_LANGUAGES = new Set(['', 'yaml', 'yml', 'json'])

export function readFrontMatter(text: string): FrontMatterOutcome {
  const fences = checkFences(text)
  if (fences !== null) return fences

  const fast = tryFastFrontMatter(text)
  let parsed: unknown
  let body: string
  if (fast !== null) {
    parsed = fast.data
    body = fast.body
  } else {
    try {
      ;({ parsed, body } = readFrontMatterWithGrayMatter(text))
    } catch (error) {
      return parseFailure(error)
    }
  }

  if (!isMap(parsed)) {
    return { ok: false, code: 'not-a-map', message: `the front matter is ${describeShape(parsed)}, not a map of fields`, line: 2 }
  }
  // The fast path builds a tree (no aliases, no shared nodes) of at most its own
  // node cap, far under any budget: only js-yaml's results need the walk.
  const excess = fast === null ? exceededBudget(parsed, nodeBudgetFor(text.length)) : null
  if (excess === 'nodes') {
    return { ok: false, code: 'yaml-too-complex', message: 'the front matter expands into too many values (YAML aliases nested too deep); it is not read' }
  }
  if (excess === 'size') {
    const mb = EXPANDED_SIZE_BUDGET / (1024 * 1024)
    return { ok: false, code: 'yaml-too-complex', message: `the front matter expands to more than ${mb} MB of text (YAML aliases repeat large values); it is not read` }
  }
  return { ok: true, data: parsed, body }
}

// Mirrors how gray-matter reads the fences, so a refusal here is exactly a file
// gray-matter would misread: it wants `---` at the very start and closes at the
// next line that starts with `---`.
function checkFences(text: string): FrontMatterOutcome | null {
  if (!text.startsWith('---')) {
    return { ok: false, code: 'no-front-matter', message: "the file does not start with a '---' front matter block", line: 1 }
  }
  const lineEnd = text.indexOf('\n')
  const firstLine = (lineEnd === -1 ? text : text.slice(0, lineEnd)).replace(/\r$/, '')
  const language = firstLine.slice(3).trim()
  if (language.startsWith('-')) {
    return { ok: false, code: 'no-front-matter', message: `the first line '${clip(firstLine)}' is not a '---' front matter fence`, line: 1 }
  }
  const lowered = language.toLowerCase()
  if (CODE_LANGUAGES.has(lowered)) {
    return { ok: false, code: 'js-front-matter', message: `the front matter is marked '${clip(language)}': code in a card is never run or read`, line: 1 }
  }
  if (!DATA_LANGUAGES.has(lowered)) {
    return { ok: false, code: 'no-front-matter', message: `the front matter is marked '${clip(language)}'; cards use YAML front matter`, line: 1 }
  }
  if (lineEnd === -1 || text.indexOf('\n---', lineEnd) === -1) {
    return { ok: false, code: 'no-closing-fence', message: "the front matter opened on line 1 is never closed by a '---' line", line: 1 }
  }
  return null
}

function parseFailure(error: unknown): FrontMatterOutcome {
  if (error instanceof CodeFrontMatterError) {
    return { ok: false, code: 'js-front-matter', message: error.message, line: 1 }
  }
  if (error instanceof YAMLException) {
    // The YAML source starts on the fence's own line, so its 0-based line is the file's 1-based line minus one.
    const line = error.mark?.line === undefined ? undefined : error.mark.line + 1
    if (/maxDepth|maxTotalMergeKeys|merge sequence/.test(error.reason)) {
      return { ok: false, code: 'yaml-too-complex', message: `the front matter nests too deep: ${error.reason}`, line }
    }
    const where = line === undefined ? '' : ` on line ${line}`
    return { ok: false, code: 'yaml-syntax', message: `the front matter is not valid YAML${where}: ${error.reason}`, line }
  }
  if (error instanceof SyntaxError) {
    return { ok: false, code: 'yaml-syntax', message: `the front matter is not valid JSON: ${error.message}`, line: 1 }
  }
  if (error instanceof RangeError) {
    return { ok: false, code: 'yaml-too-complex', message: 'the front matter is too deeply nested to read' }
  }
  const message = messageOf(error)
  return { ok: false, code: 'yaml-syntax', message: `the front matter could not be read: ${message}` }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value)
}

function describeShape(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  return `a single ${typeof value}`
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
