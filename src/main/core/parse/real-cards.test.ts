// Every real card from the news pipeline must parse, with its values read right.
import { readdir, readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Card } from '../../../shared/card'
import { parseFrontMatterFast } from './fast-front-matter'
import { readFrontMatterWithGrayMatter } from './gray-matter-reader'
import { readCardFile } from './parse-card'
import { sharedCards } from '../testing/shared-cards'

const CARDS = sharedCards()
const SETS = ['real/powerapps', 'real/covid-api', 'real/related']

const cards = new Map<string, Card>()
const texts = new Map<string, string>()
const failures: string[] = []

beforeAll(async () => {
  for (const set of SETS) {
    for (const name of (await readdir(`${CARDS}/${set}`)).filter((file) => file.endsWith('.md'))) {
      texts.set(`${set}/${name}`, await readFile(`${CARDS}/${set}/${name}`, 'utf8'))
      const read = await readCardFile(CARDS, `${set}/${name}`)
      if (read.outcome.ok) cards.set(read.path, read.outcome.card)
      else failures.push(`${read.path}: ${read.outcome.error.code} ${read.outcome.error.message}`)
    }
  }
})

const card = (path: string): Card => {
  const found = cards.get(path)
  if (found === undefined) throw new Error(`no card at ${path}`)
  return found
}

describe('the real cards', () => {
  it('all parse with no error', () => {
    expect(failures).toEqual([])
    expect(texts.size).toBeGreaterThan(0)
    expect(cards.size).toBe(texts.size)
  })

  it('read the same through the fast path as through gray-matter', () => {
    let fast = 0
    for (const [path, text] of texts) {
      const quick = parseFrontMatterFast(text)
      if (quick === null) continue
      fast++
      const reference = readFrontMatterWithGrayMatter(text)
      expect(quick.data, path).toEqual(reference.parsed)
      expect(quick.body, path).toBe(reference.body)
    }
    // Most real cards take the fast path; the rest fall back, which is always allowed.
    expect(fast).toBeGreaterThan(600)
  })

  it('leave no HTML entity, mojibake, NBSP or CR in display text', () => {
    const leftovers = [...cards.values()].flatMap((c) =>
      [c.title, c.excerpt, c.provider?.name ?? '', ...c.topics, ...c.related.flatMap((r) => [r.title, r.excerpt])]
        .filter((text) => /&(#\d+|#x[0-9a-f]+|[a-z]+);|â€|\u00a0|\r/i.test(text))
        .map((text) => `${c.path}: ${text.slice(0, 80)}`)
    )
    expect(leftovers).toEqual([])
  })

  it('give every card a date, and an ISO string that matches its epoch ms', () => {
    for (const c of cards.values()) {
      expect(c.publishedAtMs, c.path).not.toBeNull()
      expect(new Date(c.publishedAtMs!).toISOString()).toBe(c.publishedAt)
    }
  })

  it('decode entities in titles and excerpts', () => {
    expect(card('real/powerapps/2020-09-15-microsoft-power-platform-learning-resources.md').excerpt).toBe(
      'As members of the PowerApps Customer & Partner Success team, we often get asked for resources to aid our customers on their PowerApps journey. Below is a set of links we\u2019ve curated to help novice,\u2026'
    )
    expect(card('real/powerapps/2021-09-20-hm-group-enables-citizen-development-at-scale-with-microsoft-power-platform.md').excerpt).toMatch(/^H&M Group is a Swedish/)
  })

  it('repair the mojibake title', () => {
    expect(card('real/powerapps/2021-08-27-microsoft-makes-power-apps-changes-following-asensitive-dataa-exposure-upguard.md').title).toBe(
      'Microsoft Makes Power Apps Changes Following \u2018Sensitive Data\u2019 Exposure: UpGuard'
    )
  })

  it('read the dates in UTC, including midnight-only older cards', () => {
    const deepFakes = card('real/powerapps/2020-10-07-pin-diode-handles-high-power-apps.md')
    expect(deepFakes.publishedAt).toBe('2020-10-07T00:00:00.000Z')
    expect(card('real/related/2020-08-31-trump-praises-right-wing-supporters-rails-against-protesters-after-unrest-in-portland.md').publishedAtMs).toBe(Date.UTC(2020, 7, 30, 18))
  })

  it('identify video cards with no webUrl by their YouTube originalUrl', () => {
    const videos = [...cards.values()].filter((c) => c.type === 'video' && c.webUrl === null)
    expect(videos).toHaveLength(12)
    for (const video of videos) expect(video.id).toMatch(/^https:\/\/(www\.)?youtube\.com\/watch\?v=/)
    const overview = card('real/powerapps/2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md')
    expect(overview.id).toBe('https://youtube.com/watch?v=WJk-Y8LQlfE')
    expect(overview.featuredContent).toContain('<iframe')
    expect(overview.provider?.logo?.url).toBe('https://everyday-cc.github.io/powerapps/assets/images/organizations/microsoft.com-50x50.jpg')
  })

  it('give the four reposted webUrls one id per pair', () => {
    const byId = new Map<string, string[]>()
    for (const c of cards.values()) byId.set(c.id, [...(byId.get(c.id) ?? []), c.path])
    const shared = [...byId.values()].filter((paths) => paths.length > 1)
    expect(shared).toHaveLength(4)
    expect(shared.every((paths) => paths.length === 2)).toBe(true)
    expect(byId.size).toBe(680)
  })

  it('decode &#038; in image URLs', () => {
    const images = card('real/powerapps/2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md').images
    expect(images[0].url).toBe('https://i2.wp.com/sympmarc.com/wp-content/uploads/2021/02/image.png?resize=620%2C497&ssl=1')
  })

  it('read an older card with no originalUrl or quality', () => {
    const school = card('real/covid-api/2020-06-03-braintree-catholic-school-closing-permanently.md')
    expect(school).toMatchObject({ originalUrl: null, quality: null, heat: 110, id: 'https://patch.com/massachusetts/braintree/braintree-catholic-school-closing-permanently' })
    expect(school.ampWebUrl).toBe('https://patch.com/massachusetts/braintree/amp/28780677/braintree-catholic-school-closing-permanently')
  })

  it('read related coverage with its providers and images', () => {
    const blizzard = card('real/related/2020-10-16-blizzard-entertainment-ends-content-development-for-starcraft-ii.md')
    expect(blizzard.heat).toBeNull()
    expect(blizzard.related.length).toBeGreaterThanOrEqual(2)
    expect(blizzard.related[0]).toMatchObject({
      title: "StarCraft 2 Won't Get New Content",
      publishedAt: '2020-10-19T14:34:00.000Z',
      provider: { name: 'IGN', domain: 'ign.com', logo: null },
      quality: 97,
      images: [{ url: 'https://sm.ign.com/t/ign_in/video/o/oblivion/oblivion_jt1x.620.jpg', width: 620, height: 349 }]
    })
  })

  it('keep secured and count the cards without images or logos as the format says', () => {
    const all = [...cards.values()]
    expect(all.filter((c) => c.images.length === 0)).toHaveLength(52)
    expect(all.filter((c) => c.provider !== null && c.provider.logo === null)).toHaveLength(112) // counted in the files with awk
    expect(all.filter((c) => c.secured !== null)).toHaveLength(676)
    expect(all.every((c) => c.secured === null || /^[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]+$/.test(c.secured))).toBe(true)
  })

  it('turn the NA excerpt placeholder into an empty excerpt', () => {
    expect(card('real/powerapps/2021-09-02-announcing-public-preview-of-maintenance-window-management.md').excerpt).toBe('')
  })
})
