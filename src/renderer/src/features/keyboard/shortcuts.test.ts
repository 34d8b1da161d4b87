import { describe, expect, it } from 'vitest'
import { commandForKey, SHORTCUTS, type KeyInput } from './shortcuts'

const press = (key: string, over: Partial<KeyInput> = {}): ReturnType<typeof commandForKey> =>
  commandForKey({ key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, onControl: false, inScrollingPane: false, ...over })

describe('commandForKey', () => {
  it('maps every listed key to its command', () => {
    expect(press('j')).toBe('next')
    expect(press('ArrowDown')).toBe('next')
    expect(press('k')).toBe('previous')
    expect(press('ArrowUp')).toBe('previous')
    expect(press('Enter')).toBe('open-card')
    expect(press('o')).toBe('open-original')
    expect(press('m')).toBe('toggle-read')
    expect(press('s')).toBe('toggle-star')
    expect(press('/')).toBe('focus-search')
    expect(press('Escape')).toBe('clear')
    expect(press('?')).toBe('show-shortcuts')
  })

  it('lets letters type in a text field, but Esc still clears', () => {
    for (const key of ['j', 'k', 'm', 's', 'o', '/', '?', 'Enter', 'ArrowDown']) expect(press(key, { inTextField: true })).toBeNull()
    expect(press('Escape', { inTextField: true })).toBe('clear')
  })

  it('leaves Enter to buttons and links, arrows to scrolling panes, and chords to the browser', () => {
    expect(press('Enter', { onControl: true })).toBeNull()
    expect(press('ArrowDown', { inScrollingPane: true })).toBeNull()
    expect(press('j', { inScrollingPane: true })).toBe('next')
    expect(press('s', { ctrlKey: true })).toBeNull()
    expect(press('m', { metaKey: true })).toBeNull()
    expect(press('x')).toBeNull()
  })

  it('lists a shortcut for every command the keys produce', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.command))
    for (const key of ['j', 'k', 'Enter', 'o', 'm', 's', '/', 'Escape', '?']) expect(listed.has(press(key)!)).toBe(true)
  })
})
