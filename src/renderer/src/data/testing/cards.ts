// Cards for tests, built the way the core hands them over.
import type { Card, RelatedItem } from '../../../../shared/card'

export function makeCard(slug: string, overrides: Partial<Card> = {}): Card {
  const webUrl = `https://news.example.com/${slug}`
  return {
    id: webUrl,
    path: `2024-01-01-${slug}.md`,
    aliases: [],
    category: 'news',
    title: `Story ${slug}`,
    excerpt: `About ${slug}`,
    publishedAt: '2024-01-01T10:00:00.000Z',
    publishedAtMs: Date.parse('2024-01-01T10:00:00.000Z'),
    originalUrl: webUrl,
    webUrl,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    type: 'article',
    quality: 50,
    heat: null,
    published: true,
    featuredContent: null,
    provider: { name: 'Example News', domain: 'example.com', logo: null },
    topics: ['AI'],
    images: [],
    related: [],
    secured: null,
    body: '',
    extra: {},
    ...overrides
  }
}

export function makeRelated(slug: string, overrides: Partial<RelatedItem> = {}): RelatedItem {
  return {
    title: `Coverage ${slug}`,
    excerpt: '',
    publishedAt: null,
    publishedAtMs: null,
    webUrl: `https://other.example.org/${slug}`,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    type: 'article',
    provider: { name: 'Other', domain: 'other.example.org', logo: null },
    quality: 10,
    images: [],
    extra: {},
    ...overrides
  }
}
