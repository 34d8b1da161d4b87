// Entry of a scan worker thread (built to out/main/scan-worker.js). Reads and
// parses the chunks of paths it is sent and posts the results back.
import { parentPort } from 'node:worker_threads'
import { cardLineText, hashId } from './card-line'
import { readFilesInWorker, type ScannedFile } from './read-files'
import type { WorkerReply, WorkerRequest } from './worker-messages'

const port = parentPort
if (port === null) throw new Error('scan-worker.js runs only as a worker thread')

port.on('message', (request: WorkerRequest) => {
  readFilesInWorker(request.folder, request.paths).then(
    (files) => port.postMessage({ chunk: request.chunk, files: request.lines ? files.map(asLine) : files } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ chunk: request.chunk, failure: String(error) } satisfies WorkerReply)
  )
})

function asLine(file: ScannedFile): ScannedFile {
  if (file.card === null) return file
  return { ...file, card: null, line: { text: cardLineText(file.card), idHash: hashId(file.card.id) } }
}
