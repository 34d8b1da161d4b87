import { describe, expect, it } from 'vitest'
import { callArgProblem } from './call-args'

describe('callArgProblem', () => {
  it('accepts what the page really sends', () => {
    expect(callArgProblem('getAppInfo', null)).toBeNull()
    expect(callArgProblem('loadMarks', undefined)).toBeNull()
    expect(callArgProblem('openFolder', { folder: '/cards' })).toBeNull()
    expect(callArgProblem('syncFolder', { folder: '/cards', manifest: [{ path: 'a.md', size: 3, mtimeMs: 1.5, id: null, publishedAtMs: null }, { path: 'b.md', size: 1, mtimeMs: 2, id: 'x', publishedAtMs: 7 }] })).toBeNull()
    expect(callArgProblem('recordMarks', { marks: [{ id: 'x', read: true, readAt: 1, starred: false, starredAt: null, updatedAt: 2 }] })).toBeNull()
    expect(callArgProblem('resolveImages', { urls: ['https://e.example/a.png'], priority: 'visible' })).toBeNull()
    expect(callArgProblem('updateSettings', { imageCacheLimitBytes: 0, allowPrivateImages: true })).toBeNull()
    expect(callArgProblem('openExternal', { url: 'https://e.example/' })).toBeNull()
  })

  it('names the field and the problem for what it refuses', () => {
    expect(callArgProblem('syncFolder', { folder: '/cards', manifest: [{ path: 'a.md', size: 3, mtimeMs: 1, id: null, publishedAtMs: null }, { path: 'b.md', size: '1' }] })).toMatch(/^manifest \[1\] is not a manifest entry/)
    expect(callArgProblem('recordMarks', { marks: [{ id: 'x', read: 'yes' }] })).toMatch(/^marks \[0\] is not a mark/)
    expect(callArgProblem('updateSettings', { theme: 'dark' })).toBe('has no setting "theme"')
    expect(callArgProblem('updateSettings', { allowPrivateImages: 'yes' })).toBe('allowPrivateImages cannot be "yes"')
    expect(callArgProblem('openFolder', [])).toBe('wants an object {folder}, got a list')
    expect(callArgProblem('chooseFolder', 'now')).toBe('takes no argument')
  })
})
