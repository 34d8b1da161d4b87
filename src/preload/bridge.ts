import { CALL_NAMES, EVENT_CHANNEL, callChannel, type CallName, type TidingsApi, type TidingsCalls, type TidingsEvent, type TidingsEventListener } from '../shared/contract'
import { messageOf } from '../shared/errors'

type IpcListener = (event: unknown, payload: unknown) => void

/** The slice of ipcRenderer the bridge needs; a test drives it with a fake. */
export interface BridgeIpc {
  invoke(channel: string, arg: unknown): Promise<unknown>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

// ipcRenderer.invoke wraps a handler's error as
// "Error invoking remote method 'tidings:call:x': Error: <message>"; the user
// should read only the message.
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

function cleanRemoteError(error: unknown): Error {
  const message = messageOf(error)
  return new Error(message.replace(REMOTE_ERROR_PREFIX, ''))
}

/**
 * Exactly the contract, as `window.tidings` sees it: one function per call and
 * `onEvent`. Listeners get the event payload only, never the IpcRendererEvent
 * (whose `sender` would hand the page the raw ipcRenderer).
 */
export function createBridge(ipc: BridgeIpc): TidingsApi {
  const call =
    (name: CallName) =>
    (request?: unknown): Promise<unknown> =>
      ipc.invoke(callChannel(name), request).catch((error: unknown) => {
        throw cleanRemoteError(error)
      })

  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, call(name)])) as unknown as TidingsCalls

  const onEvent = (listener: TidingsEventListener): (() => void) => {
    const forward: IpcListener = (_event, payload) => listener(payload as TidingsEvent)
    ipc.on(EVENT_CHANNEL, forward)
    return () => {
      ipc.removeListener(EVENT_CHANNEL, forward)
    }
  }

  return Object.freeze({ ...calls, onEvent })
}
