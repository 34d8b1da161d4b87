// The first cards the browser host wrote into the page (see shared/page-data.ts), taken once: a later ask
// (another folder's, after a reload of the data) goes to the host.
import type { FirstCards } from '../../../shared/contract'
import { FIRST_CARDS_ELEMENT_ID } from '../../../shared/page-data'

/** The embedded first cards (null: the host has none), or undefined when the page holds none or they were taken. */
export function takeEmbeddedFirstCards(doc: Pick<Document, 'getElementById'> | undefined = globalThis.document): FirstCards | null | undefined {
  const element = doc?.getElementById(FIRST_CARDS_ELEMENT_ID)
  if (!element) return undefined
  element.remove()
  try {
    return JSON.parse(element.textContent ?? '') as FirstCards | null
  } catch {
    return undefined
  }
}
