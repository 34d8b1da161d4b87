import { intern } from './strings'

/** The host a URL is queued under (for the per-host limit); empty for a URL that is not http(s). */
export function hostOf(url: string): string {
  // No user:password@ part: fetch refuses those, so they fail at once like any non-http URL.
  return intern(/^\s*https?:\/\/([^@/?#\s]+)(?=[/?#]|$)/i.exec(url)?.[1].toLowerCase() ?? '')
}
