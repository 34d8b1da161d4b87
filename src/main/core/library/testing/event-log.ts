// Test support: records a library's event stream and reduces it the way a renderer would.
import type { Card } from '../../../../shared/card'
import type { LibraryBatch, TidingsEvent } from '../../../../shared/contract'
import { scanFolder } from '../../scan/scan'
import { applyBatch, emptyLibraryState, stateFromScan, type LibraryState } from '../apply-batch'
import { completeEvent } from './complete-batch'

export class EventLog {
  readonly events: TidingsEvent<Card>[] = []
  readonly state: LibraryState = emptyLibraryState()

  /** Takes main's own events or the page's (whose summarised cards are completed from their packed copies). */
  readonly emit = (sent: TidingsEvent): void => {
    const event = completeEvent(sent)
    this.events.push(event)
    if (event.type === 'batch') applyBatch(this.state, event.batch)
  }

  batches(): LibraryBatch<Card>[] {
    return this.events.flatMap((event) => (event.type === 'batch' ? [event.batch] : []))
  }

  of<T extends TidingsEvent<Card>['type']>(type: T): Extract<TidingsEvent<Card>, { type: T }>[] {
    return this.events.filter((event): event is Extract<TidingsEvent<Card>, { type: T }> => event.type === type)
  }

  /** Marks the current end of the log; `since(mark)` gives what came after. */
  mark(): number {
    return this.events.length
  }

  since(mark: number): TidingsEvent<Card>[] {
    return this.events.slice(mark)
  }
}

/** A state as plain sorted data, so two states compare with toEqual and diff readably. */
export function plain(state: LibraryState) {
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value)
  return { cards: sorted(state.cards), files: sorted(state.files), errors: sorted(state.errors) }
}

/** What a fresh scan of the folder says the renderer should hold. */
export async function freshState(folder: string) {
  return plain(stateFromScan(await scanFolder(folder, { workers: 0 })))
}
