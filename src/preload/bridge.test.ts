import { describe, expect, it } from 'vitest'
import { CALL_NAMES, EVENT_CHANNEL, type TidingsEvent } from '../shared/contract'
import { createBridge, type BridgeIpc } from './bridge'

type Listener = (event: unknown, payload: unknown) => void

function recordingIpc(answer: (channel: string, arg: unknown) => Promise<unknown> = async () => 'ok') {
  const invoked: Array<{ channel: string; arg: unknown }> = []
  const listeners = new Map<string, Set<Listener>>()
  const ipc: BridgeIpc = {
    invoke: (channel, arg) => {
      invoked.push({ channel, arg })
      return answer(channel, arg)
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener)
    }
  }
  const emit = (channel: string, event: unknown, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(event, payload))
  return { ipc, invoked, listeners, emit }
}

describe('the preload bridge (window.tidings)', () => {
  it('exposes exactly the contract: keys, channels and arity', async () => {
    const { ipc, invoked } = recordingIpc()
    const bridge = createBridge(ipc) as unknown as Record<string, (...args: unknown[]) => unknown>
    const surface: Record<string, string> = {}
    for (const key of Object.keys(bridge).sort()) {
      const value = bridge[key]
      if (key === 'onEvent') {
        surface[key] = `${typeof value}/${value.length}`
        continue
      }
      invoked.length = 0
      await value({ probe: key })
      surface[key] = `${typeof value}/${value.length} -> ${invoked.map((entry) => entry.channel).join(', ')}`
    }
    expect(surface).toMatchInlineSnapshot(`
      {
        "chooseFolder": "function/1 -> tidings:call:chooseFolder",
        "getAppInfo": "function/1 -> tidings:call:getAppInfo",
        "getCard": "function/1 -> tidings:call:getCard",
        "getFirstCards": "function/1 -> tidings:call:getFirstCards",
        "getImageStatus": "function/1 -> tidings:call:getImageStatus",
        "getMarksSync": "function/1 -> tidings:call:getMarksSync",
        "loadMarks": "function/1 -> tidings:call:loadMarks",
        "onEvent": "function/1",
        "openExternal": "function/1 -> tidings:call:openExternal",
        "openFolder": "function/1 -> tidings:call:openFolder",
        "recordMarks": "function/1 -> tidings:call:recordMarks",
        "resolveImages": "function/1 -> tidings:call:resolveImages",
        "savedUpTo": "function/1 -> tidings:call:savedUpTo",
        "setMarksSync": "function/1 -> tidings:call:setMarksSync",
        "syncFolder": "function/1 -> tidings:call:syncFolder",
        "updateSettings": "function/1 -> tidings:call:updateSettings",
      }
    `)
  })

  it('passes the request through and resolves with the answer', async () => {
    const { ipc, invoked } = recordingIpc(async () => ({ folder: '/cards', name: 'cards', available: true }))
    const bridge = createBridge(ipc)
    await expect(bridge.openFolder({ folder: '/cards' })).resolves.toEqual({ folder: '/cards', name: 'cards', available: true })
    expect(invoked).toEqual([{ channel: 'tidings:call:openFolder', arg: { folder: '/cards' } }])
  })

  it('rejects with the handler’s own message, without Electron’s wrapper', async () => {
    const { ipc } = recordingIpc(async (channel) => {
      throw new Error(`Error invoking remote method '${channel}': Error: /nowhere is not a folder`)
    })
    await expect(createBridge(ipc).openFolder({ folder: '/nowhere' })).rejects.toThrow(/^\/nowhere is not a folder$/)
  })

  it('hands listeners the event payload only, never the IpcRendererEvent', () => {
    const { ipc, emit } = recordingIpc()
    const received: unknown[][] = []
    createBridge(ipc).onEvent((...args: unknown[]) => received.push(args))
    const ipcEvent = { sender: { send: () => 'raw ipcRenderer' }, ports: [] }
    const payload: TidingsEvent = { type: 'menu-command', command: 'focus-search' }
    emit(EVENT_CHANNEL, ipcEvent, payload)
    expect(received).toEqual([[payload]])
  })

  it('unsubscribes, and only the listener it was given', () => {
    const { ipc, emit, listeners } = recordingIpc()
    const bridge = createBridge(ipc)
    const first: unknown[] = []
    const second: unknown[] = []
    const stopFirst = bridge.onEvent((event) => first.push(event))
    bridge.onEvent((event) => second.push(event))
    stopFirst()
    emit(EVENT_CHANNEL, {}, { type: 'menu-command', command: 'next' })
    expect(first).toEqual([])
    expect(second).toHaveLength(1)
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(1)
  })

  it('cannot be extended by the page', () => {
    const bridge = createBridge(recordingIpc().ipc) as unknown as Record<string, unknown>
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(Object.keys(bridge)).toHaveLength(CALL_NAMES.length + 1)
  })
})
