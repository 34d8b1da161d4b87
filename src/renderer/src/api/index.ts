// The one way the renderer reaches main: Electron's preload bridge when it is
// there, else the browser host over HTTP.
import type { TidingsApi } from '../../../shared/contract'
import { FetchEventSource } from './fetch-event-source'
import { createHttpApi, type EventSourceConstructor, type ReconnectingApi } from './http-client'
import { takeEmbeddedFirstCards } from './embedded-first-cards'

declare global {
  interface Window {
    /** The contract, exposed by the Electron preload. Absent in the browser host. */
    tidings?: TidingsApi
  }
}

export { createHttpApi } from './http-client'
export type { EventSourceConstructor, EventSourceLike, HttpApiOptions, ReconnectingApi } from './http-client'

const TOKEN_KEY = 'tidings.token'
let api: TidingsApi | null = null

export function getApi(): TidingsApi {
  api ??= window.tidings ?? withEmbeddedFirstCards(
    createHttpApi({
      baseUrl: window.location.origin,
      token: pageToken(),
      EventSource: typeof TextDecoderStream === 'function' ? FetchEventSource : typeof window.EventSource === 'function' ? (window.EventSource as EventSourceConstructor) : null
    })
  )
  return api
}

/** The first getFirstCards is answered from the page when the host wrote them into it. */
function withEmbeddedFirstCards(http: ReconnectingApi): ReconnectingApi {
  const getFirstCards = http.getFirstCards
  http.getFirstCards = () => {
    const embedded = takeEmbeddedFirstCards()
    return embedded === undefined ? getFirstCards() : Promise.resolve(embedded)
  }
  return http
}

/** True in Electron, where chooseFolder() opens the native dialog; the browser host takes a typed path. */
export function hasNativeFolderDialog(): boolean {
  return window.tidings !== undefined
}

/**
 * Calls `listener` whenever the connection to main came back after a break,
 * so the caller can resync what it missed. IPC never breaks, so in Electron it never fires.
 */
export function onApiReconnect(target: TidingsApi, listener: () => void): () => void {
  const withReconnect = target as Partial<{ onReconnect(listener: () => void): () => void }>
  return typeof withReconnect.onReconnect === 'function' ? withReconnect.onReconnect(listener) : () => {}
}

// The token stays in the address bar, but keep it for the tab in case the UI rewrites the URL.
function pageToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl)
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
  } catch {
    return fromUrl ?? ''
  }
}
