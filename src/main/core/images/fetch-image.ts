import { open, rm, type FileHandle } from 'node:fs/promises'
import { decodeHTMLAttribute } from 'entities'
import { guardedFetch, privateAddressCause, publicOnlyFetch, refusedBeforeConnecting, type AllowList } from './address-guard'
import { parseHttpUrl } from '../../../shared/http-url'
import { isRetryableStatus, parseRetryAfter, type FailureReason } from './retry-policy'
import { looksComplete, sniffImage, SNIFF_BYTES } from './sniff'
import { messageOf } from '../../../shared/errors'

export interface DownloadTimeouts {
  /** From sending a request (each hop of a redirect) to its response headers. */
  connectMs: number
  /** The whole download, redirects included. */
  totalMs: number
  /** Longest silence between two chunks of the body. */
  idleMs: number
}

export const DEFAULT_TIMEOUTS: DownloadTimeouts = { connectMs: 15_000, totalMs: 60_000, idleMs: 20_000 }
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024
export const MAX_REDIRECTS = 5

export interface FetchImageOptions {
  /** A stand-in for tests; by default a fetch that connects to public addresses only (see allowPrivate). */
  fetch?: typeof fetch
  /** Lets images come from private, loopback and link-local addresses (--allow-private-images). */
  allowPrivate?: boolean
  /** Tests only: private "address:port" pairs let through the guard (see address-guard.ts). */
  allowList?: AllowList
  /** Where the body goes while it downloads; removed on any failure. */
  tempPath: string
  maxBytes: number
  timeouts: DownloadTimeouts
  /** Aborts the download (the service is closing); the outcome is then `aborted`. */
  signal?: AbortSignal
}

export type FetchOutcome =
  | { ok: true; tempPath: string; mime: string; size: number; finalUrl: string }
  | {
      ok: false
      aborted?: boolean
      reason: FailureReason
      detail: string
      retryable: boolean
      retryAfterMs?: number
      /** False when no server ever answered (DNS, refused, connect timeout): the host may be down. */
      responded: boolean
    }

const REQUEST_HEADERS = {
  accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
  'user-agent': 'Tidings/0.1 (offline news reader; image cache)'
}

class Failure extends Error {
  constructor(
    readonly reason: FailureReason,
    readonly detail: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number
  ) {
    super(detail)
  }
}

/** The URL to request: entities decoded (cards may say `&#038;`), and only plain http(s). */
export function requestUrlOf(url: string): URL | null {
  const parsed = parseHttpUrl(decodeHTMLAttribute(url.trim()), { refuseCredentials: true })
  if (!parsed) return null
  parsed.hash = ''
  return parsed
}

/**
 * One download attempt: follows up to 5 redirects by hand, streams into `tempPath` under a byte
 * cap, decides the type from the first bytes and checks the file is whole. On success the caller
 * renames the temp file into place; on failure nothing is left behind.
 */
export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchOutcome> {
  const start = requestUrlOf(url)
  if (!start) return { ok: false, reason: 'unsupported-url', detail: 'not an http(s) URL', retryable: false, responded: false }
  let responded = false
  const controller = new AbortController()
  let timedOut: FailureReason | null = null
  const abortFor = (reason: FailureReason) => () => {
    timedOut ??= reason
    controller.abort()
  }
  const totalTimer = setTimeout(abortFor('timeout'), options.timeouts.totalMs)
  const onOuterAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onOuterAbort, { once: true })
  let phaseTimer: NodeJS.Timeout | undefined
  const arm = (reason: FailureReason, ms: number) => {
    clearTimeout(phaseTimer)
    phaseTimer = setTimeout(abortFor(reason), ms)
  }
  const fetchFn = options.fetch ?? (options.allowPrivate ? globalThis.fetch : options.allowList ? guardedFetch(options.allowList) : publicOnlyFetch)
  try {
    let current = start
    for (let hop = 0; ; hop++) {
      const refused = options.allowPrivate ? null : refusedBeforeConnecting(current, options.allowList)
      if (refused) throw new Failure('private-address', hop === 0 ? refused.message : `redirect to ${refused.message}`, false)
      arm('connect-timeout', options.timeouts.connectMs)
      const response = await fetchFn(current, { redirect: 'manual', signal: controller.signal, headers: REQUEST_HEADERS })
      responded = true
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined)
        const location = response.headers.get('location')
        if (!location) throw new Failure(`http-${response.status}`, 'redirect without a Location', false)
        if (hop >= MAX_REDIRECTS) throw new Failure('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, false)
        let next: URL
        try {
          next = new URL(location, current)
        } catch {
          throw new Failure('bad-redirect', 'unreadable Location', false)
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Failure('bad-redirect', `redirect to ${next.protocol} refused`, false)
        current = next
        continue
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        const retryable = isRetryableStatus(response.status)
        const retryAfter = retryable ? parseRetryAfter(response.headers.get('retry-after')) : null
        throw new Failure(`http-${response.status}`, `HTTP ${response.status}`, retryable, retryAfter ?? undefined)
      }
      const size = await streamToFile(response, options, () => arm('stalled', options.timeouts.idleMs))
      return { ok: true, tempPath: options.tempPath, mime: size.mime, size: size.bytes, finalUrl: current.href }
    }
  } catch (error) {
    await rm(options.tempPath, { force: true }).catch(() => undefined)
    const refused = privateAddressCause(error)
    if (refused) return { ok: false, reason: 'private-address', detail: refused.message, retryable: false, responded: false }
    if (error instanceof Failure) return { ok: false, reason: error.reason, detail: error.detail, retryable: error.retryable, retryAfterMs: error.retryAfterMs, responded }
    if (timedOut) return { ok: false, reason: timedOut, detail: `${timedOut} after ${timeoutMsOf(timedOut, options.timeouts)} ms`, retryable: true, responded }
    if (options.signal?.aborted) return { ok: false, aborted: true, reason: 'network', detail: 'aborted', retryable: true, responded }
    return { ok: false, reason: 'network', detail: describeNetworkError(error), retryable: true, responded }
  } finally {
    clearTimeout(totalTimer)
    clearTimeout(phaseTimer)
    options.signal?.removeEventListener('abort', onOuterAbort)
  }
}

async function streamToFile(response: Response, options: FetchImageOptions, onChunk: () => void): Promise<{ mime: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > options.maxBytes) throw new Failure('too-large', `Content-Length ${declared} over the ${options.maxBytes}-byte cap`, false)
  if (!response.body) throw new Failure('empty', 'no body', false)
  const sentAs = (response.headers.get('content-type') ?? 'no Content-Type').slice(0, 100)
  const file = await open(options.tempPath, 'wx')
  try {
    let bytes = 0
    let mime: string | null = null
    const head: Uint8Array[] = []
    onChunk()
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      onChunk()
      bytes += chunk.byteLength
      if (bytes > options.maxBytes) throw new Failure('too-large', `over the ${options.maxBytes}-byte cap`, false)
      if (mime) {
        await file.write(chunk)
        continue
      }
      head.push(chunk)
      if (bytes >= SNIFF_BYTES) mime = await admitHead(head, file, sentAs)
    }
    if (bytes === 0) throw new Failure('empty', 'empty body', false)
    mime ??= await admitHead(head, file, sentAs)
    // Content-Length counts encoded bytes; fetch hands us decoded ones, so compare only unencoded bodies.
    const encoded = (response.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity'
    if (!encoded && Number.isFinite(declared) && declared !== bytes) throw new Failure('truncated', `got ${bytes} of ${declared} bytes`, true)
    await file.close()
    if (!(await looksComplete(options.tempPath, mime))) throw new Failure('truncated', `${mime} ends early`, true)
    return { mime, bytes }
  } finally {
    await file.close().catch(() => undefined)
  }
}

/** Sniffs the first bytes; only an allowed image gets them written and the rest of the body. */
async function admitHead(head: Uint8Array[], file: FileHandle, sentAs: string): Promise<string> {
  const sniffed = await sniffImage(Buffer.concat(head))
  if (!sniffed.allowed) throw new Failure('refused-type', `${sniffed.detected ?? 'unrecognised content'} (sent as ${sentAs}) is not a JPEG, PNG, GIF, WebP or AVIF image`, false)
  for (const part of head) await file.write(part)
  head.length = 0
  return sniffed.mime
}

function timeoutMsOf(reason: FailureReason, timeouts: DownloadTimeouts): number {
  if (reason === 'connect-timeout') return timeouts.connectMs
  if (reason === 'stalled') return timeouts.idleMs
  return timeouts.totalMs
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  if (cause?.code) return cause.code
  if (cause?.message) return cause.message
  return messageOf(error)
}
