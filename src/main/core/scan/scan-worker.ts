// Entry of a scan worker thread (built to out/main/scan-worker.js). Reads and
// parses the chunks of paths it is sent and posts the results back.
import { parentPort } from 'node:worker_threads'
import { pathsIn } from './path-lines'
import { readFilesInWorker } from './read-files'
import type { WorkerReply, WorkerRequest } from './worker-messages'

const port = parentPort
if (port === null) throw new Error('scan-worker.js runs only as a worker thread')

port.on('message', (request: WorkerRequest) => {
  readFilesInWorker(request.folder, pathsIn(request.pathBytes, request.start, request.end), request.lines).then(
    (files) => {
      const reply: WorkerReply = { chunk: request.chunk, files }
      // Each line's bytes move to the main thread instead of being copied.
      const transfer = reply.files.flatMap((file) => (file.line === undefined ? [] : [file.line.bytes.buffer as ArrayBuffer]))
      port.postMessage(reply, transfer)
    },
    (error: unknown) => port.postMessage({ chunk: request.chunk, failure: String(error) } satisfies WorkerReply)
  )
})

