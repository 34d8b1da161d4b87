import { describe, expect, it } from 'vitest'
import { decodeHTMLStrict } from 'entities'
import { cleanExcerpt, cleanLine, cleanText, cleanUrl, repairMojibake } from './text'

describe('display text', () => {
  it('decodes HTML entities, numeric and named', () => {
    expect(cleanLine('We&#8217;re here &amp; there &#8220;now&#8221; &hellip; &#x2014;')).toBe('We\u2019re here & there \u201cnow\u201d \u2026 \u2014')
  })

  it('leaves ampersands that are not entities alone', () => {
    expect(cleanLine('AT&T and R&D &notice')).toBe('AT&T and R&D &notice')
  })

  it('turns NBSP (raw or as &nbsp;) into a plain space', () => {
    expect(cleanLine('40\u00a0new&nbsp;buoys')).toBe('40 new buoys')
  })

  it('turns CRLF and CR into LF and trims, keeping paragraph breaks in excerpts', () => {
    expect(cleanText('  First.\r\n\r\nSecond.\rThird.\n')).toBe('First.\n\nSecond.\nThird.')
  })

  it('collapses whitespace runs in one-line text', () => {
    expect(cleanLine('A  title\nsplit \t here ')).toBe('A title split here')
  })

  it('makes the NA excerpt placeholder empty, and only that', () => {
    expect(cleanExcerpt('NA')).toBe('')
    expect(cleanExcerpt(' NA\n')).toBe('')
    expect(cleanExcerpt('NASA launches')).toBe('NASA launches')
  })

  it('takes numbers and booleans as text and anything else as empty', () => {
    expect(cleanLine(2025)).toBe('2025')
    expect(cleanLine(undefined)).toBe('')
    expect(cleanLine({ a: 1 })).toBe('')
  })
})

describe('repairMojibake', () => {
  it('repairs UTF-8 read as Windows-1252', () => {
    expect(repairMojibake('Following \u00e2\u20ac\u02dcSensitive Data\u00e2\u20ac\u2122 Exposure')).toBe('Following \u2018Sensitive Data\u2019 Exposure')
    expect(repairMojibake('caf\u00c3\u00a9 \u00e2\u20ac\u201d done')).toBe('caf\u00e9 \u2014 done')
  })

  it('repairs only the broken runs when genuine punctuation sits beside them', () => {
    expect(repairMojibake('It\u2019s \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d')).toBe('It\u2019s \u201cquoted\u201d')
  })

  it('leaves genuine accented text as it is', () => {
    for (const text of ['Caf\u00e9 cr\u00e8me in S\u00e3o Paulo', '\u00c9cole, \u00c0 la carte, na\u00efve', 'Se\u00f1or \u00d8rsted \u00e5 \u00fc', '\u00c2ge']) {
      expect(repairMojibake(text)).toBe(text)
    }
  })

  it('is applied to display text after entity decoding', () => {
    expect(cleanLine('Data\u00e2\u20ac\u2122s &amp; more')).toBe('Data\u2019s & more')
  })
})

describe('cleanUrl', () => {
  it('decodes HTML-escaped ampersands the way a browser reads an href', () => {
    expect(cleanUrl('https://i2.example.com/img.png?resize=620%2C497&#038;ssl=1')).toBe('https://i2.example.com/img.png?resize=620%2C497&ssl=1')
    expect(cleanUrl('https://example.com/a?x=1&amp;y=2')).toBe('https://example.com/a?x=1&y=2')
  })

  it('keeps http, %20 and a parameter that looks like an entity name', () => {
    expect(cleanUrl(' http://example.com/a%20b.jpg?w=1&copy=2 ')).toBe('http://example.com/a%20b.jpg?w=1&copy=2')
  })

  it('refuses anything but absolute http(s) URLs', () => {
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/assets/x.jpg', '', 42, null]) {
      expect(cleanUrl(bad)).toBeNull()
    }
  })
})

describe('clean text left as it is', () => {
  // The passes cleanText and cleanLine skip for text that needs none, written out in full.
  const fullText = (text: string) =>
    repairMojibake(text.includes('&') ? decodeHTMLStrict(text) : text)
      .replace(/\u00A0/g, ' ')
      .replace(/\r\n?/g, '\n')
      .trim()
  const fullLine = (text: string) => fullText(text).replace(/\s+/g, ' ')
  const PIECES = ['a', 'Zz', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '&amp;', '&#8217;', '&', 'â€™', 'é', '’', '😀', '\u2028', '\u3000', '\ufeff', '\u2009', '\u0085', 'x y']

  it('gives what every pass would give, on 20,000 seeded strings', () => {
    let seed = 5
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    let changed = 0
    for (let i = 0; i < 20_000; i++) {
      let text = ''
      for (let n = Math.floor(next() * 8); n >= 0; n--) text += PIECES[Math.floor(next() * PIECES.length)]
      expect(cleanText(text), JSON.stringify(text)).toBe(fullText(text))
      expect(cleanLine(text), JSON.stringify(text)).toBe(fullLine(text))
      if (cleanLine(text) !== text) changed++
    }
    expect(changed).toBeGreaterThan(5_000)
  })
})
