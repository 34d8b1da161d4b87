import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

// The page gets the contract and nothing more; the raw ipcRenderer stays here.
contextBridge.exposeInMainWorld(
  'tidings',
  createBridge({
    invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener)
  })
)
