import { open } from 'node:fs/promises'
import { fileTypeFromBuffer } from 'file-type'

/** Bytes to collect before deciding the type; enough for every allowed format's signature. */
export const SNIFF_BYTES = 4100

// Sniffed type -> the type we serve it as. Animated PNG is a PNG to every browser.
const ALLOWED: ReadonlyMap<string, string> = new Map([
  ['image/jpeg', 'image/jpeg'],
  ['image/png', 'image/png'],
  ['image/apng', 'image/png'],
  ['image/gif', 'image/gif'],
  ['image/webp', 'image/webp'],
  ['image/avif', 'image/avif']
])

export type SniffResult = { allowed: true; mime: string } | { allowed: false; detected: string | null }

/** Decides the type from the first bytes only; SVG, HTML and anything unrecognised are refused. */
export async function sniffImage(head: Uint8Array): Promise<SniffResult> {
  const found = await fileTypeFromBuffer(head)
  const mime = found ? ALLOWED.get(found.mime) : undefined
  return mime ? { allowed: true, mime } : { allowed: false, detected: found?.mime ?? null }
}

export function isServableImageType(mime: string): boolean {
  return [...ALLOWED.values()].includes(mime)
}

const TAIL_BYTES = 1024
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])
const JPEG_END = Buffer.from([0xff, 0xd9])

/**
 * A server that closes the connection early (no Content-Length, or one that lies) hands fetch a
 * body that ends cleanly but is cut short. Each allowed format says where it ends, so check that
 * the end is there before the file may enter the cache.
 */
export async function looksComplete(filePath: string, mime: string): Promise<boolean> {
  const file = await open(filePath, 'r')
  try {
    const { size } = await file.stat()
    const read = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)))
      if (buffer.length) await file.read(buffer, 0, buffer.length, position)
      return buffer
    }
    const tail = await read(Math.max(0, size - TAIL_BYTES), TAIL_BYTES)
    switch (mime) {
      case 'image/png':
        return tail.includes(PNG_END)
      case 'image/jpeg':
        return tail.includes(JPEG_END)
      case 'image/gif':
        return endsWithGifTrailer(tail)
      case 'image/webp': {
        const header = await read(0, 12)
        return header.length === 12 && header.readUInt32LE(4) + 8 <= size
      }
      case 'image/avif':
        return await boxesFit(read, size)
      default:
        return false
    }
  } finally {
    await file.close()
  }
}

function endsWithGifTrailer(tail: Buffer): boolean {
  let end = tail.length - 1
  while (end >= 0 && tail[end] === 0) end--
  return end >= 0 && tail[end] === 0x3b
}

/** ISO-BMFF (AVIF): every top-level box must fit inside the file. */
async function boxesFit(read: (position: number, length: number) => Promise<Buffer>, size: number): Promise<boolean> {
  let offset = 0
  for (let boxes = 0; offset + 8 <= size && boxes < 10_000; boxes++) {
    const header = await read(offset, 16)
    let boxSize = header.readUInt32BE(0)
    if (boxSize === 0) return true // "extends to the end of the file"
    if (boxSize === 1) {
      if (header.length < 16) return false
      boxSize = Number(header.readBigUInt64BE(8))
    }
    if (boxSize < 8) return false
    offset += boxSize
  }
  return offset <= size && offset > 0
}

/** The servable type of a file already on disk, or null when it is not a whole allowed image. */
export async function sniffFile(filePath: string): Promise<string | null> {
  const file = await open(filePath, 'r')
  let head: Buffer
  try {
    head = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0)
    head = head.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
  const sniffed = await sniffImage(head)
  if (!sniffed.allowed) return null
  return (await looksComplete(filePath, sniffed.mime)) ? sniffed.mime : null
}
