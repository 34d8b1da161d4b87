// The first cards written into the page the browser host serves (see shared/page-data.ts). The page is not held
// for them: when the host's read of the newest cards is not done within a moment (a big folder just opened), the
// page goes without and its getFirstCards call gets that same read.
import type { FirstCards } from '../../shared/contract'
import { FIRST_CARDS_ELEMENT_ID } from '../../shared/page-data'

const NOT_YET = Symbol('not yet')

export interface PageFirstCards {
  /** The first cards for a page being served, or undefined when they are not read yet. */
  forPage(): Promise<FirstCards | null | undefined>
  /** What the page's getFirstCards call answers: the read forPage gave up waiting for, else a new one. */
  forCall(): Promise<FirstCards | null>
}

export function pageFirstCards(read: () => Promise<FirstCards | null>, waitMs = 100): PageFirstCards {
  let held: Promise<FirstCards | null> | null = null
  return {
    async forPage() {
      const answer = read()
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<typeof NOT_YET>((resolve) => (timer = setTimeout(() => resolve(NOT_YET), waitMs)))
      const first = await Promise.race([answer.catch(() => null), late]).finally(() => clearTimeout(timer))
      if (first !== NOT_YET) return first
      held = answer
      return undefined
    },
    forCall() {
      const answer = held ?? read()
      held = null
      return answer
    }
  }
}

/** The page with `first` in it, as JSON that no card text can end early (every `<` is escaped). */
export function withFirstCards(html: string, first: FirstCards | null): string {
  const json = JSON.stringify(first).replace(/</g, '\\u003c')
  const element = `<script type="application/json" id="${FIRST_CARDS_ELEMENT_ID}">${json}</script>`
  const at = html.indexOf('</head>')
  return at === -1 ? html : `${html.slice(0, at)}${element}${html.slice(at)}`
}
