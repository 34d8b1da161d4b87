// `tidings serve` (scripts/serve-child.mjs) on a fixed port, so a restarted host keeps the page's
// origin and its IndexedDB, with a way to make host calls as the page does.
import { createServer } from 'node:net'
import { startServe } from '../serve-child.mjs'

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function startHost({ folder, dataDir, port }) {
  const host = await startServe({ folder, dataDir, port })
  return {
    ...host,
    /** A host call as the page makes it (same token header and origin). */
    call: async (name, arg = null) => {
      const response = await fetch(`${host.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { 'X-Tidings-Token': host.token, Origin: host.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ arg })
      })
      const body = await response.json()
      if (!body.ok) throw new Error(`${name} failed (${response.status}): ${body.error}`)
      return body.result
    }
  }
}

/** Starts the host, retrying while the port of a just-killed one is still held. */
export async function startHostRetrying(options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startHost(options)
    } catch (error) {
      if (attempt >= 5 || !/EADDRINUSE|in use|taken/i.test(error.message)) throw error
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
    }
  }
}
