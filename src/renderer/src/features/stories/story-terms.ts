// The search terms about stories (story:ID, outlets>N, is:updated), applied to
// the cards the filter pass matched. run-filter leaves them to this module.
import type { ParsedQuery, QueryTerm } from '../search/parse-query'
import { compareQuality } from '../filter/run-filter'
import type { StoryRow } from './story-rows'

type StoryTerm = Extract<QueryTerm, { kind: 'story' | 'outlets' | 'updated' }>

export function storyTermsOf(query: ParsedQuery): StoryTerm[] {
  return query.terms.filter((term): term is StoryTerm => term.kind === 'story' || term.kind === 'outlets' || term.kind === 'updated')
}

export function storyPasses(story: StoryRow, terms: readonly StoryTerm[]): boolean {
  return terms.every((term) => {
    const holds =
      term.kind === 'story' ? story.id === term.value || story.id.startsWith(term.value) : term.kind === 'outlets' ? compareQuality(story.outlets, term.op, term.value) : story.newCount > 0
    return holds !== term.negate
  })
}
