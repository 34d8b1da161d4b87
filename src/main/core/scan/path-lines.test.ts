import { describe, expect, it } from 'vitest'
import { asLineFile, pathsIn } from './path-lines'

describe('asLineFile', () => {
  it('gives back any range of paths as they were, names with newlines and non-ASCII included', () => {
    const paths = ['2026/a.md', 'b\nc.md', 'é/ünï 🎉.md', 'd.markdown']
    const { bytes, starts } = asLineFile(paths)
    expect(starts).toHaveLength(paths.length + 1)
    expect(pathsIn(bytes, starts[0], starts[paths.length])).toEqual(paths)
    expect(pathsIn(bytes, starts[1], starts[3])).toEqual(paths.slice(1, 3))
    expect(pathsIn(bytes, starts[2], starts[2])).toEqual([])
    expect(asLineFile([]).starts).toEqual(new Uint32Array([0]))
  })
})
