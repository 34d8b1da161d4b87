// The one module that imports gray-matter. Every engine that would evaluate
// code throws; YAML goes through js-yaml 4 with its safe default schema.
import matter from 'gray-matter'
import { load, YAMLException } from 'js-yaml'

export class CodeFrontMatterError extends Error {
  constructor(readonly language: string) {
    super(`front matter in ${language} would run code, so it is not read`)
    this.name = 'CodeFrontMatterError'
  }
}

const refuseCode = (language: string) => (): never => {
  throw new CodeFrontMatterError(language)
}

// gray-matter hands the engine's return value back as `data` (and replaces a
// null with {}), so the parsed value travels inside a box to arrive untouched.
class Boxed {
  constructor(readonly parsed: unknown) {}
}

const engines = {
  yaml: { parse: (source: string): Boxed => new Boxed(load(source)) },
  json: { parse: (source: string): Boxed => new Boxed(JSON.parse(source)) },
  js: refuseCode('JavaScript'),
  javascript: refuseCode('JavaScript'),
  coffee: refuseCode('CoffeeScript'),
  coffeescript: refuseCode('CoffeeScript'),
  cson: refuseCode('CoffeeScript')
}

export interface RawFrontMatter {
  /** The YAML value, whatever its shape; `{}` for an empty block. */
  parsed: unknown
  body: string
}

/**
 * Splits and parses front matter with gray-matter. Throws YAMLException for bad
 * YAML and CodeFrontMatterError for executable front matter. Passing options
 * always bypasses gray-matter's content-keyed cache, which would otherwise hand
 * the same (mutable) objects to every identical file.
 */
export function readFrontMatterWithGrayMatter(text: string): RawFrontMatter {
  const file = matter(text, { engines, language: 'yaml' })
  const data: unknown = file.data
  // No box means gray-matter found an empty block and did not call an engine.
  const parsed = data instanceof Boxed ? data.parsed : {}
  return { parsed, body: file.content }
}

/** Entries in gray-matter's content-keyed cache; stays 0 because options are always passed. */
export function grayMatterCacheSize(): number {
  return Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache).length
}

export { YAMLException }
