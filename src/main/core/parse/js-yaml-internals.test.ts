// The fast front-matter path types plain scalars with js-yaml's own internal
// list, DEFAULT_SCHEMA.compiledImplicit, which is no public API. js-yaml is
// pinned exactly in package.json; this test is the alarm for the day someone
// upgrades it and that internal list moves, changes order or changes meaning.
import { readFileSync } from 'node:fs'
import { DEFAULT_SCHEMA, load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

interface ImplicitType {
  tag: string
  resolve(data: string): boolean
  construct(data: string): unknown
}

const compiledImplicit = (DEFAULT_SCHEMA as unknown as { compiledImplicit?: ImplicitType[] }).compiledImplicit
const INTERNALS_CHANGED = 'js-yaml internals changed: src/main/core/parse/fast-front-matter.ts reads DEFAULT_SCHEMA.compiledImplicit; check it against the new js-yaml before upgrading'

describe('the js-yaml internals the fast front-matter path reads', () => {
  it('js-yaml is pinned to one exact version', () => {
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['js-yaml'] as string
    expect(pinned, 'pin js-yaml exactly (no ^ or ~)').toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('DEFAULT_SCHEMA.compiledImplicit is the list of implicit types, in the order js-yaml tries them', () => {
    expect(Array.isArray(compiledImplicit), INTERNALS_CHANGED).toBe(true)
    const tags = compiledImplicit!.map((type) => type.tag.replace('tag:yaml.org,2002:', ''))
    expect(tags, INTERNALS_CHANGED).toEqual(['null', 'bool', 'int', 'float', 'timestamp', 'merge'])
    for (const type of compiledImplicit!) {
      expect(typeof type.resolve, INTERNALS_CHANGED).toBe('function')
      expect(typeof type.construct, INTERNALS_CHANGED).toBe('function')
    }
  })

  it('typing a plain scalar with the first type that resolves it gives what js-yaml loads', () => {
    const scalars = ['null', '~', 'true', 'False', '42', '0x1F', '-7', '3.25', '.inf', '1e3', '2022-01-29', '2022-01-29T10:20:30Z', '<<', 'plain text', '12abc']
    for (const scalar of scalars) {
      const type = compiledImplicit!.find((candidate) => candidate.resolve(scalar))
      const typed = type ? type.construct(scalar) : scalar
      expect(typed, `${INTERNALS_CHANGED} (scalar ${scalar})`).toStrictEqual((load(`value: ${scalar}`) as { value: unknown }).value)
    }
  })
})
