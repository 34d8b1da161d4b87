import { crc32 } from 'node:zlib'

// Tiny but complete images, as a browser encodes them (2x2 canvas; the GIF is the classic 1x1).
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4AWI6EGDwH4SZGKAAAAAA//9PttMjAAAABklEQVQDADxQBINw/hVZAAAAAElFTkSuQmCC', 'base64')
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJgB5x//2Q==',
  'base64'
)
export const WEBP = Buffer.from('UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoCAAIAAsBMJaACdLoAA5gA/t+APoU+1FOw/+Ic6HOhzUAAAAA=', 'base64')

/** A minimal AVIF container (ftyp + meta + mdat): enough for the sniffer and the completeness check. */
export const AVIF = (() => {
  const box = (type: string, body: Buffer) => {
    const header = Buffer.alloc(8)
    header.writeUInt32BE(8 + body.length, 0)
    header.write(type, 4, 'latin1')
    return Buffer.concat([header, body])
  }
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('avif', 'latin1'), Buffer.alloc(4), Buffer.from('avifmif1miaf', 'latin1')]))
  return Buffer.concat([ftyp, box('meta', Buffer.alloc(24)), box('mdat', Buffer.alloc(32, 7))])
})()

export const HTML = Buffer.from('<!doctype html><html><head><title>Not an image</title></head><body><script>alert(1)</script></body></html>')
export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>')

/** A PNG of about `bytes` bytes: a real header and a private ancillary chunk as padding, then IEND. */
export function pngOfSize(bytes: number, fill = 1): Buffer {
  const head = PNG.subarray(0, PNG.length - 12)
  const iend = PNG.subarray(PNG.length - 12)
  const padding = Math.max(0, bytes - PNG.length - 12)
  const chunk = Buffer.alloc(12 + padding, fill)
  chunk.writeUInt32BE(padding, 0)
  chunk.write('tiDg', 4, 'latin1')
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + padding)), 8 + padding)
  return Buffer.concat([head, chunk, iend])
}
