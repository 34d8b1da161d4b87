// The reference the fast front-matter path is held to: gray-matter + js-yaml, exactly as the normal path calls them.
import { expect } from 'vitest'
import { parseFrontMatterFast } from '../fast-front-matter'
import { readFrontMatterWithGrayMatter } from '../gray-matter-reader'

export type Reference = { ok: true; data: unknown; body: string } | { ok: false }

export function reference(text: string): Reference {
  try {
    const { parsed, body } = readFrontMatterWithGrayMatter(text)
    return { ok: true, data: parsed, body }
  } catch {
    return { ok: false }
  }
}

/** Asserts the fast path agrees with the reference; true when it did not hand over. */
export function agrees(text: string): boolean {
  const fast = parseFrontMatterFast(text)
  if (fast === null) return false
  const expected = reference(text)
  expect(expected.ok, `the fast path read a file js-yaml refuses:\n${text}`).toBe(true)
  if (expected.ok) {
    expect(fast.data, text).toStrictEqual(expected.data)
    expect(fast.body, text).toBe(expected.body)
  }
  return true
}
