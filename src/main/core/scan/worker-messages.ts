import type { ScannedFile } from './read-files'

export interface WorkerRequest {
  chunk: number
  folder: string
  paths: string[]
  /** Send each card as its JSON line (cardLineText) and id hash instead of the card. */
  lines?: boolean
}

export type WorkerReply = { chunk: number; files: ScannedFile[] } | { chunk: number; failure: string }
