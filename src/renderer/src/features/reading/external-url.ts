// The only URLs the reader hands to openExternal or shows as a link: absolute
// http(s). Card fields are untrusted, so javascript:, file: and the like are refused here too.
import { parseHttpUrl } from '../../../../shared/http-url'

export function externalUrl(value: string | null | undefined): string | null {
  if (!value) return null
  return parseHttpUrl(value.trim())?.href ?? null
}

/** The first usable original of a card: its web page, else its original (a YouTube link on video cards). */
export function originalOf(card: { webUrl: string | null; originalUrl: string | null; ampWebUrl?: string | null }): string | null {
  return externalUrl(card.webUrl) ?? externalUrl(card.originalUrl) ?? externalUrl(card.ampWebUrl ?? null)
}

/** A video card's video: its original when that differs from the web page, else the web page. */
export function videoUrlOf(card: { webUrl: string | null; originalUrl: string | null }): string | null {
  return externalUrl(card.originalUrl) ?? externalUrl(card.webUrl)
}
