// The merged read/star state of every device's marks: last writer wins per card
// and per field, by hybrid-clock stamp. Applying the same field marks in any
// order, any number of times, gives the same state.
import type { Mark } from '../../../shared/contract'
import { compareStamps, type Stamp } from './hlc'
import { MARK_FIELDS, type FieldMark, type MarkField } from './mark-lines'

export interface FieldState {
  value: boolean
  stamp: Stamp
}

export type CardFields = Partial<Record<MarkField, FieldState>>

export class MergedMarks {
  private readonly cards = new Map<string, CardFields>()

  /** True when the mark changed the state (it is newer than what the field held). */
  apply(mark: FieldMark): boolean {
    let card = this.cards.get(mark.id)
    if (!card) {
      card = {}
      this.cards.set(mark.id, card)
    }
    const known = card[mark.field]
    if (known && compareStamps(mark.stamp, known.stamp) <= 0) return false
    card[mark.field] = { value: mark.value, stamp: mark.stamp }
    return true
  }

  fields(id: string): CardFields | undefined {
    return this.cards.get(id)
  }

  get size(): number {
    return this.cards.size
  }

  entries(): IterableIterator<[string, CardFields]> {
    return this.cards.entries()
  }

  /** Every field's winning mark, for comparing two states or listing them. */
  winners(): FieldMark[] {
    const all: FieldMark[] = []
    for (const [id, card] of this.cards) {
      for (const field of MARK_FIELDS) {
        const state = card[field]
        if (state) all.push({ id, field, value: state.value, stamp: state.stamp })
      }
    }
    return all
  }
}

/** The newest stamp time among a card's fields; 0 when the folder knows nothing of it. */
export function latestTime(card: CardFields | undefined): number {
  return Math.max(0, card?.read?.stamp.t ?? 0, card?.starred?.stamp.t ?? 0)
}

/**
 * A card's mark with the folder's fields laid over the local one's: a field the folder
 * knows takes the folder's value and time; the others keep the local value.
 */
export function overlay(local: Mark | undefined, id: string, card: CardFields): Mark {
  const base: Mark = local ?? { id, read: false, readAt: null, starred: false, starredAt: null, updatedAt: 0 }
  const read = card.read ? { read: card.read.value, readAt: card.read.value ? card.read.stamp.t : null } : { read: base.read, readAt: base.readAt }
  const starred = card.starred ? { starred: card.starred.value, starredAt: card.starred.value ? card.starred.stamp.t : null } : { starred: base.starred, starredAt: base.starredAt }
  return { id, ...read, ...starred, updatedAt: Math.max(base.updatedAt, latestTime(card)) }
}

export const sameMark = (a: Mark, b: Mark): boolean =>
  a.read === b.read && a.starred === b.starred && a.readAt === b.readAt && a.starredAt === b.starredAt

/**
 * The fields of a local mark the folder should be told of: those whose value differs from the
 * folder's and that the local mark set later than the folder's last word on them. A set flag
 * carries its own time (readAt, starredAt). A cleared one has only the mark's updatedAt, so it
 * counts only when it is later than everything the folder knows of the card and was not the
 * other flag's time (a card starred here but never opened is not news that it is unread).
 */
export function unsharedFields(local: Mark, card: CardFields | undefined): MarkField[] {
  const changed: MarkField[] = []
  const setAtOf = (field: MarkField): number | null => (field === 'read' ? local.readAt : local.starredAt)
  for (const field of MARK_FIELDS) {
    const value = local[field]
    const known = card?.[field]
    if ((known?.value ?? false) === value) continue
    if (value) {
      if ((setAtOf(field) ?? local.updatedAt) > (known?.stamp.t ?? -1)) changed.push(field)
      continue
    }
    const other: MarkField = field === 'read' ? 'starred' : 'read'
    const timeIsOthers = local[other] && (setAtOf(other) ?? -1) >= local.updatedAt
    if (!timeIsOthers && local.updatedAt > latestTime(card)) changed.push(field)
  }
  return changed
}
