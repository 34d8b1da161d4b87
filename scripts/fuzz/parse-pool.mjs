// A single parse worker with a heap limit and a watchdog: a card that crashes
// or hangs it is recorded, the worker is replaced, and the run goes on.
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import { REPO_ROOT } from './corpus.mjs'

const CORE_ENTRY = join(REPO_ROOT, 'out', 'main', 'bench.js')
const HEAP_LIMIT_MB = 512

export function createParsePool({ hangMs }) {
  let worker = null
  let nextId = 0
  let pending = null

  const start = () =>
    new Promise((resolve, reject) => {
      worker = new Worker(join(import.meta.dirname, 'parse-worker.mjs'), {
        workerData: { coreEntry: CORE_ENTRY },
        resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB }
      })
      worker.once('error', reject)
      worker.on('message', (message) => {
        if (message.ready) {
          worker.off('error', reject)
          worker.on('error', (error) => settle({ result: 'crashed', message: `${error.code ?? error.name}: ${error.message}` }))
          worker.on('exit', (code) => settle({ result: 'crashed', message: `the worker exited with ${code}` }))
          resolve()
        } else if (pending && message.id === pending.id) settle(message)
      })
    })

  function settle(reply) {
    if (!pending) return
    const { resolve, timer } = pending
    clearTimeout(timer)
    pending = null
    if (reply.result === 'crashed' || reply.result === 'hung') {
      const dead = worker
      worker = null
      void dead?.terminate()
    }
    resolve(reply)
  }

  return {
    async parse(path, bytes) {
      if (!worker) await start()
      const id = nextId++
      const started = performance.now()
      const reply = await new Promise((resolve) => {
        const timer = setTimeout(() => settle({ result: 'hung', message: `no answer within ${hangMs} ms` }), hangMs)
        pending = { id, resolve, timer }
        const copy = Uint8Array.from(bytes)
        worker.postMessage({ id, path, bytes: copy.buffer }, [copy.buffer])
      })
      return { wallMs: performance.now() - started, ...reply }
    },
    async close() {
      await worker?.terminate()
      worker = null
    }
  }
}
