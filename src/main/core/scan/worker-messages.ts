import type { ScannedFile } from './read-files'

export interface WorkerRequest {
  chunk: number
  folder: string
  /** The scan's paths (asLineFile), shared by every worker: this chunk's are bytes [start, end). */
  pathBytes: SharedArrayBuffer
  start: number
  end: number
  /** Send each card as its JSON line (cardLineText) and id hash instead of the card. */
  lines?: boolean
}

export type WorkerReply = { chunk: number; files: ScannedFile[] } | { chunk: number; failure: string }
