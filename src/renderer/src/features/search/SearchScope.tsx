// Under the list header while searching: how many cards hold the words in
// their own title or excerpt (the rest match only through a related title,
// another outlet's headline the card lists), and a switch to list only those.
import type { ReactNode } from 'react'
import { formatCount } from '../ui/format-count'

interface SearchScopeProps {
  ownOnly: boolean
  counts: { all: number; own: number }
  onOwnOnly(ownOnly: boolean): void
}

export function SearchScope({ ownOnly, counts, onOwnOnly }: SearchScopeProps): ReactNode {
  const related = counts.all - counts.own
  return (
    <div className="search-scope" role="group" aria-label="Where the search matches">
      <label className="search-scope-own">
        <input type="checkbox" checked={ownOnly} onChange={(event) => onOwnOnly(event.target.checked)} />
        {`Only matches in the card itself (${formatCount(counts.own)})`}
      </label>
      {related > 0 ? <span className="search-scope-related">{`${formatCount(related)} more only in related coverage`}</span> : null}
    </div>
  )
}
