/**
 * The element the browser host writes the page's first cards into (a `<script type="application/json">`, which is
 * never run, so the page's CSP has nothing to say about it): the page reads them with its document, without the
 * getFirstCards round trip that a busy host answered in 50-400 ms on a restart.
 */
export const FIRST_CARDS_ELEMENT_ID = 'tidings-first-cards'
