import { describe, expect, it } from 'vitest'
import type { Mark } from '../../../shared/contract'
import { compareStamps, HybridClock } from './hlc'
import { LineSplitter, markLine, parseMarkLine, type FieldMark } from './mark-lines'
import { MergedMarks, overlay, unsharedFields } from './merged-marks'

const mark = (id: string, value: boolean, t: number, c: number, d: string, field: 'read' | 'starred' = 'read'): FieldMark => ({ id, field, value, stamp: { t, c, d } })
const local = (patch: Partial<Mark>): Mark => ({ id: 'x', read: false, readAt: null, starred: false, starredAt: null, updatedAt: 0, ...patch })

describe('the hybrid logical clock', () => {
  it('orders by time, then counter, then device id', () => {
    expect(compareStamps({ t: 1, c: 9, d: 'z' }, { t: 2, c: 0, d: 'a' })).toBe(-1)
    expect(compareStamps({ t: 2, c: 1, d: 'a' }, { t: 2, c: 0, d: 'z' })).toBe(1)
    expect(compareStamps({ t: 2, c: 0, d: 'a' }, { t: 2, c: 0, d: 'b' })).toBe(-1)
    expect(compareStamps({ t: 2, c: 0, d: 'a' }, { t: 2, c: 0, d: 'a' })).toBe(0)
  })

  it('never goes back, even when the wall clock does', () => {
    let wall = 1000
    const clock = new HybridClock('a', () => wall)
    const first = clock.now()
    wall = 500
    const second = clock.now()
    expect(compareStamps(second, first)).toBe(1)
    expect(second).toEqual({ t: 1000, c: 1, d: 'a' })
  })

  it('lets a device with a slow clock win once it has seen the fast one’s mark', () => {
    const fast = new HybridClock('fast', () => 10_000_000) // an hour and more ahead
    const slow = new HybridClock('slow', () => 1000)
    const state = new MergedMarks()
    const fastRead = mark('card', true, fast.now().t, 0, 'fast')
    state.apply(fastRead)
    slow.observe(fastRead.stamp)
    const slowUnread = { ...mark('card', false, 0, 0, 'slow'), stamp: slow.now() }
    expect(state.apply(slowUnread)).toBe(true)
    expect(state.fields('card')?.read?.value).toBe(false)
  })
})

describe('merging marks', () => {
  it('is last writer wins per card and field, whatever the order', () => {
    const marks = [mark('a', true, 5, 0, 'x'), mark('a', false, 7, 0, 'y'), mark('a', true, 6, 0, 'z', 'starred'), mark('a', true, 7, 0, 'x')]
    const forward = new MergedMarks()
    const backward = new MergedMarks()
    for (const one of marks) forward.apply(one)
    for (const one of [...marks].reverse()) backward.apply(one)
    expect(forward.winners()).toEqual(backward.winners())
    // Same time and counter: the larger device id breaks the tie.
    expect(forward.fields('a')?.read).toEqual({ value: false, stamp: { t: 7, c: 0, d: 'y' } })
    expect(forward.fields('a')?.starred?.value).toBe(true)
  })

  it('lays the folder’s fields over a local mark, keeping the fields the folder does not know', () => {
    const card = { starred: { value: true, stamp: { t: 50, c: 0, d: 'b' } } }
    expect(overlay(local({ read: true, readAt: 40, updatedAt: 40 }), 'x', card)).toEqual(local({ read: true, readAt: 40, starred: true, starredAt: 50, updatedAt: 50 }))
  })

  it('shares only local fields set after the folder’s last word on them', () => {
    const folderRead = { read: { value: true, stamp: { t: 150, c: 0, d: 'b' } } }
    // Starred later, never read here: the unread flag is not news to the folder.
    expect(unsharedFields(local({ starred: true, starredAt: 200, updatedAt: 200 }), folderRead)).toEqual(['starred'])
    // Read here after the folder's read was cleared elsewhere.
    expect(unsharedFields(local({ read: true, readAt: 300, updatedAt: 300 }), { read: { value: false, stamp: { t: 200, c: 0, d: 'b' } } })).toEqual(['read'])
    expect(unsharedFields(local({ read: true, readAt: 100, updatedAt: 100 }), { read: { value: false, stamp: { t: 200, c: 0, d: 'b' } } })).toEqual([])
    expect(unsharedFields(local({ read: true, readAt: 150, updatedAt: 150 }), folderRead)).toEqual([])
  })
})

describe('mark lines', () => {
  it('round-trip, and refuse what is not a whole mark', () => {
    const one = mark('https://example.com/a', true, 123, 4, 'dev', 'starred')
    expect(parseMarkLine(markLine(one), 'dev')).toEqual({ kind: 'mark', mark: one })
    expect(parseMarkLine('{"device":"dev","name":"Laptop"}', 'dev')).toEqual({ kind: 'name', name: 'Laptop' })
    for (const bad of ['{"id":"a","read":true,"t":1', '{"id":"a","t":1,"c":0}', '{"id":"a","read":true,"starred":true,"t":1,"c":0}', '[]', '{"id":"a","read":"yes","t":1,"c":0}']) {
      expect(parseMarkLine(bad, 'dev').kind).toBe('bad')
    }
  })

  it('are cut whole from chunks split anywhere, even inside a UTF-8 character', () => {
    const text = '{"id":"é1","read":true,"t":1,"c":0}\n{"id":"ü2","read":true,"t":2,"c":0}\n{"id":"3"'
    const bytes = new TextEncoder().encode(text)
    const splitter = new LineSplitter()
    const lines: Array<string | null> = []
    for (let at = 0; at < bytes.length; at += 3) lines.push(...splitter.push(bytes.subarray(at, at + 3)))
    expect(lines.map((line) => (line === null ? null : parseMarkLine(line, 'd').kind))).toEqual(['mark', 'mark'])
    expect(splitter.pendingBytes).toBe(9)
  })
})
