// The search box, with any term it could not read shown right under it.
import type { ReactNode, RefObject } from 'react'
import type { QueryError } from './parse-query'

interface SearchBoxProps {
  value: string
  errors: QueryError[]
  inputRef: RefObject<HTMLInputElement | null>
  onChange(value: string): void
  onHelp(): void
}

export function SearchBox({ value, errors, inputRef, onChange, onHelp }: SearchBoxProps): ReactNode {
  return (
    <div className="search">
      <div className="search-field">
        <input
          ref={inputRef}
          type="search"
          aria-label="Search"
          aria-invalid={errors.length > 0}
          aria-describedby="search-problems"
          placeholder="Search   topic:  provider:  quality>  after:  is:unread"
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="button" className="icon-button" aria-label="Search help" title="Search terms and shortcuts (?)" onClick={onHelp}>
          ?
        </button>
      </div>
      <div id="search-problems" className="search-problems" aria-live="polite">
        {errors.map((error) => (
          <p key={`${error.start}:${error.raw}`} className="search-problem">
            <span>Not understood: </span>
            <code>{error.raw}</code> — {error.message}
          </p>
        ))}
      </div>
    </div>
  )
}
