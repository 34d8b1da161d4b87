import { describe, expect, it } from 'vitest'
import { FIRST_CARDS_ELEMENT_ID } from '../../../shared/page-data'
import { takeEmbeddedFirstCards } from './embedded-first-cards'

function pageWith(text: string | null): Pick<Document, 'getElementById'> & { removed: boolean } {
  const page = {
    removed: false,
    getElementById: (id: string) => (id === FIRST_CARDS_ELEMENT_ID && text !== null && !page.removed ? ({ textContent: text, remove: () => (page.removed = true) } as unknown as HTMLElement) : null)
  }
  return page
}

describe('takeEmbeddedFirstCards', () => {
  it('takes the cards the host wrote into the page, once', () => {
    const page = pageWith('{"folder":"/cards","cards":[],"marks":[]}')
    expect(takeEmbeddedFirstCards(page)).toEqual({ folder: '/cards', cards: [], marks: [] })
    expect(takeEmbeddedFirstCards(page)).toBeUndefined()
  })

  it('tells "none written" (undefined: ask the host) from "the host has none" (null)', () => {
    expect(takeEmbeddedFirstCards(pageWith(null))).toBeUndefined()
    expect(takeEmbeddedFirstCards(pageWith('null'))).toBeNull()
    expect(takeEmbeddedFirstCards(undefined)).toBeUndefined()
  })
})
