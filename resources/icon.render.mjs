// Renders the app icon (resources/icon.png, 512x512) and its SVG twin from one
// list of shapes, with nothing but Node's zlib: `node resources/icon.render.mjs`.
// electron-builder derives the .icns/.ico from the PNG.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SUPERSAMPLE = 4

// A stack of two news cards on a blue tile; the front card has a picture, a
// headline, text lines and an orange "unread" dot.
const shapes = [
  { kind: 'rect', x: 32, y: 32, w: 448, h: 448, r: 100, fill: { from: '#3B7BF2', to: '#1D3F9E' } },
  { kind: 'rect', x: 150, y: 104, w: 240, h: 300, r: 28, rotate: 8, fill: '#FFFFFF', opacity: 0.45 },
  { kind: 'rect', x: 122, y: 116, w: 240, h: 300, r: 28, rotate: -4, fill: '#FFFFFF' },
  { kind: 'rect', x: 150, y: 146, w: 184, h: 92, r: 14, rotate: -4, pivot: [242, 266], fill: '#4FC3C8' },
  { kind: 'rect', x: 150, y: 258, w: 184, h: 22, r: 11, rotate: -4, pivot: [242, 266], fill: '#1F2A44' },
  { kind: 'rect', x: 150, y: 298, w: 184, h: 12, r: 6, rotate: -4, pivot: [242, 266], fill: '#B8C2D6' },
  { kind: 'rect', x: 150, y: 324, w: 184, h: 12, r: 6, rotate: -4, pivot: [242, 266], fill: '#B8C2D6' },
  { kind: 'rect', x: 150, y: 350, w: 120, h: 12, r: 6, rotate: -4, pivot: [242, 266], fill: '#B8C2D6' },
  { kind: 'circle', cx: 362, cy: 124, r: 34, fill: '#FF8A3D' },
  { kind: 'circle', cx: 362, cy: 124, r: 34, stroke: '#FFFFFF', width: 10 }
]

const hex = (color) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
const centreOf = (s) => s.pivot ?? [s.x + s.w / 2, s.y + s.h / 2]

// Signed distance to a shape (negative inside), in pixels.
function distance(s, px, py) {
  if (s.kind === 'circle') {
    const d = Math.hypot(px - s.cx, py - s.cy) - s.r
    return s.stroke ? Math.abs(d) - s.width / 2 : d
  }
  let x = px
  let y = py
  if (s.rotate) {
    const [cx, cy] = centreOf(s)
    const a = (-s.rotate * Math.PI) / 180
    const dx = px - cx
    const dy = py - cy
    x = cx + dx * Math.cos(a) - dy * Math.sin(a)
    y = cy + dx * Math.sin(a) + dy * Math.cos(a)
  }
  const qx = Math.abs(x - (s.x + s.w / 2)) - (s.w / 2 - s.r)
  const qy = Math.abs(y - (s.y + s.h / 2)) - (s.h / 2 - s.r)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r
}

function colourAt(s, y) {
  const paint = s.stroke ?? s.fill
  if (typeof paint === 'string') return hex(paint)
  const t = Math.min(1, Math.max(0, (y - s.y) / s.h))
  const [a, b] = [hex(paint.from), hex(paint.to)]
  return a.map((v, i) => v + (b[i] - v) * t)
}

function render() {
  const rgba = new Float64Array(SIZE * SIZE * 4)
  const step = 1 / SUPERSAMPLE
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let [r, g, b, a] = [0, 0, 0, 0]
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) * step
          const y = py + (sy + 0.5) * step
          let [cr, cg, cb, ca] = [0, 0, 0, 0]
          for (const s of shapes) {
            if (distance(s, x, y) > 0) continue
            const [sr, sg, sb] = colourAt(s, y)
            const alpha = s.opacity ?? 1
            // Porter-Duff "over", premultiplied.
            cr = sr * alpha + cr * (1 - alpha)
            cg = sg * alpha + cg * (1 - alpha)
            cb = sb * alpha + cb * (1 - alpha)
            ca = alpha + ca * (1 - alpha)
          }
          r += cr
          g += cg
          b += cb
          a += ca
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE
      const i = (py * SIZE + px) * 4
      rgba[i] = a ? r / a : 0
      rgba[i + 1] = a ? g / a : 0
      rgba[i + 2] = a ? b / a : 0
      rgba[i + 3] = (a / n) * 255
    }
  }
  return rgba
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes) => {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0 // filter: none
    for (let i = 0; i < SIZE * 4; i++) rows[y * (SIZE * 4 + 1) + 1 + i] = Math.round(Math.min(255, Math.max(0, rgba[y * SIZE * 4 + i])))
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

function svg() {
  const paint = (s) => (typeof s.fill === 'object' ? 'url(#tile)' : s.fill)
  const body = shapes.map((s) => {
    if (s.kind === 'circle') {
      return s.stroke
        ? `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`
        : `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
    }
    const [cx, cy] = centreOf(s)
    const transform = s.rotate ? ` transform="rotate(${s.rotate} ${cx} ${cy})"` : ''
    const opacity = s.opacity === undefined ? '' : ` fill-opacity="${s.opacity}"`
    return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${paint(s)}"${opacity}${transform}/>`
  })
  const tile = shapes[0].fill
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `<defs><linearGradient id="tile" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${tile.from}"/><stop offset="1" stop-color="${tile.to}"/></linearGradient></defs>`,
    ...body.map((line) => `  ${line}`),
    '</svg>',
    ''
  ].join('\n')
}

const here = new URL('.', import.meta.url)
writeFileSync(new URL('icon.png', here), png(render()))
writeFileSync(new URL('icon.svg', here), svg())
console.log('wrote resources/icon.png and resources/icon.svg')
