// The search terms about stories (story:ID, outlets>N, is:updated), applied to
// the cards the filter pass matched. run-filter leaves them to this module.
import { storyIdOf } from '../../../../shared/stories'
import type { ParsedQuery, QueryTerm } from '../search/parse-query'
import { compareQuality } from '../filter/run-filter'
import type { StoryRow } from './story-rows'
import type { StoryOrder } from './story-rows'
import type { StoryRowList } from './story-row-list'

type StoryTerm = Extract<QueryTerm, { kind: 'story' | 'outlets' | 'updated' }>

export function storyTermsOf(query: ParsedQuery): StoryTerm[] {
  return query.terms.filter((term): term is StoryTerm => term.kind === 'story' || term.kind === 'outlets' || term.kind === 'updated')
}

/** What the terms ask of a story; the id and new coverage are worked out only when a term asks. */
interface StoryFacts {
  id(): string
  outlets: number
  newCount(): number
}

function holds(facts: StoryFacts, terms: readonly StoryTerm[]): boolean {
  return terms.every((term) => {
    let result: boolean
    if (term.kind === 'story') {
      const id = facts.id()
      result = id === term.value || id.startsWith(term.value)
    } else if (term.kind === 'outlets') result = compareQuality(facts.outlets, term.op, term.value)
    else result = facts.newCount() > 0
    return result !== term.negate
  })
}

export function storyPasses(story: StoryRow, terms: readonly StoryTerm[]): boolean {
  return holds({ id: () => story.id, outlets: story.outlets, newCount: () => story.newCount }, terms)
}

/**
 * The stories of `rows` (listed in `ordered`'s order) that pass `terms`.
 * `story:` and `outlets>N` read the typed keys; only `is:updated` makes the
 * rows, since new coverage depends on marks.
 */
export function storyRowsWhere(ordered: StoryOrder, rows: StoryRowList, terms: readonly StoryTerm[]): StoryRowList {
  const kept: number[] = []
  const { anchors, outlets } = ordered.keys
  for (let position = 0; position < rows.length; position++) {
    const entry = ordered.order[position]
    if (holds({ id: () => storyIdOf(anchors[entry]), outlets: outlets[entry], newCount: () => rows.at(position)?.newCount ?? 0 }, terms)) kept.push(position)
  }
  return {
    length: kept.length,
    at: (position) => rows.at(kept[position] ?? -1),
    anchorAt: (position) => rows.anchorAt(kept[position] ?? -1),
    positionOf: (anchor) => kept.indexOf(rows.positionOf(anchor))
  }
}
