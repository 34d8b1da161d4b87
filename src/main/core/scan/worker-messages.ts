import type { ScannedFile } from './read-files'

export interface WorkerRequest {
  chunk: number
  folder: string
  paths: string[]
}

export type WorkerReply = { chunk: number; files: ScannedFile[] } | { chunk: number; failure: string }
