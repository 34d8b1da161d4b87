// One mutated card at a time through the built core's parser, then through the
// JSON a CLI line or a page batch would carry. Runs in a worker thread with a
// heap limit, so a card that blows up takes down only this worker.
import { parentPort, workerData } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'

const { parseCardBytes } = await import(pathToFileURL(workerData.coreEntry).href)

parentPort.on('message', ({ id, path, bytes }) => {
  const started = performance.now()
  let reply
  try {
    const outcome = parseCardBytes(new Uint8Array(bytes), path)
    const parsedMs = performance.now() - started
    // What leaves the core: a card line (CLI) or a batch (page) is JSON.
    const serialized = JSON.stringify(outcome.ok ? { type: 'card', ...outcome.card } : { type: 'error', ...outcome.error })
    reply = outcome.ok
      ? { id, result: 'card', cardId: outcome.card.id, parsedMs, serializedBytes: serialized.length }
      : { id, result: 'error', code: outcome.error.code, errorPath: outcome.error.path, message: outcome.error.message, parsedMs, serializedBytes: serialized.length }
  } catch (error) {
    reply = { id, result: 'threw', message: `${error?.name ?? 'Error'}: ${error?.message ?? error}` }
  }
  reply.totalMs = performance.now() - started
  parentPort.postMessage(reply)
})
parentPort.postMessage({ ready: true })
