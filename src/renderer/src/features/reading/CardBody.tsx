// A card's Markdown body. react-markdown builds React elements, never HTML
// strings; raw HTML in the body is dropped (skipHtml, and no rehype-raw), links
// open in the system browser, and images load only through the cache.
import Markdown, { type Components } from 'react-markdown'
import type { ReactNode } from 'react'
import { CachedImage } from '../images/CachedImage'
import { useLibrary } from '../../data/library-context'
import { externalUrl } from './external-url'

export function CardBody({ markdown }: { markdown: string }): ReactNode {
  const library = useLibrary()
  const components: Components = {
    a({ href, children }) {
      const url = externalUrl(href)
      if (!url) return <span>{children}</span>
      return (
        <a
          href={url}
          rel="noreferrer noopener"
          onClick={(event) => {
            event.preventDefault()
            void library.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- reason: a contract call; main sends only parsed http(s) URLs to shell.openExternal
          }}
        >
          {children}
        </a>
      )
    },
    img({ src, alt }) {
      const url = typeof src === 'string' ? externalUrl(src) : null
      return url ? <CachedImage url={url} alt={alt ?? ''} className="body-image" /> : null
    }
  }
  return (
    <div className="card-body">
      <Markdown skipHtml components={components}>
        {markdown}
      </Markdown>
    </div>
  )
}
