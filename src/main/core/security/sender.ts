import { APP_ORIGIN, originOf } from './origins'

/** What the IPC check needs to know about the frame that sent a message. */
export interface SenderFrame {
  url: string
  /** True only for the top-level frame of the window (not an iframe). */
  isMainFrame: boolean
}

/**
 * True when an IPC message comes from the app's own main frame at the app
 * origin. Anything else (an iframe, a page navigated elsewhere, a destroyed
 * frame) is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigin: string = APP_ORIGIN): boolean {
  if (!frame || !frame.isMainFrame || typeof frame.url !== 'string') return false
  const origin = originOf(frame.url)
  return origin !== null && origin === trustedOrigin
}
