import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CALL_NAMES, callChannel, type TidingsCalls } from '../../shared/contract'
import { callArgProblem } from '../../shared/call-args'
import { isTrustedSender } from '../core/security/sender'

/** Who the calls come from when not the packaged app origin (the dev server). */
export interface IpcOptions {
  trustedOrigin?: string
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null
}

/** One handler per contract call; each refuses a sender that is not the app's own main frame. */
export function registerCalls(calls: TidingsCalls, options: IpcOptions = {}): void {
  for (const name of CALL_NAMES) {
    const handler = calls[name] as (request: unknown) => Promise<unknown>
    ipcMain.handle(callChannel(name), (event, request: unknown) => {
      if (!isTrustedSender(senderOf(event), options.trustedOrigin)) throw new Error(`Refused ${name}: the sender is not the Tidings window`)
      const problem = callArgProblem(name, request)
      if (problem) throw new Error(`${name}: ${problem}`)
      return handler.call(calls, request)
    })
  }
}
