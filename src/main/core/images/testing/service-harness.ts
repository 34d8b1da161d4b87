// Builds image services and cards for tests: real folders in os.tmpdir(), small timeouts.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Card, ImageRef, RelatedItem } from '../../../../shared/card'
import { createImageService, type ImageService, type ImageServiceOptions } from '../image-service'
import { CAP_FOR_TESTS } from './image-server'

export const TEST_TIMEOUTS = { connectMs: 1000, totalMs: 3000, idleMs: 1000 }

export async function tempDir(prefix = 'tidings-images-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

export const srcFor = (hash: string): string => `tidings-image://img/${hash}`

export function testService(cacheDir: string, options: Partial<ImageServiceOptions> = {}): ImageService {
  return createImageService({
    cacheDir,
    srcFor,
    timeouts: TEST_TIMEOUTS,
    maxBytes: CAP_FOR_TESTS,
    retry: { attemptsBeforeFailed: 2, baseDelayMs: 20 },
    notifyEveryMs: 20,
    indexFlushMs: 20,
    // The test image servers listen on 127.0.0.1; the guard itself is tested with this off.
    allowPrivateImages: true,
    ...options
  })
}

const ref = (url: string): ImageRef => ({ url, width: 100, height: 50 })

export interface CardSpec {
  id: string
  publishedAtMs?: number
  images?: string[]
  logo?: string
  related?: Array<{ images?: string[]; logo?: string }>
}

export function makeCard(spec: CardSpec): Card {
  const related: RelatedItem[] = (spec.related ?? []).map((item, i) => ({
    title: `Related ${i}`,
    excerpt: '',
    publishedAt: null,
    publishedAtMs: null,
    webUrl: `https://example.org/${spec.id}/related/${i}`,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    type: 'article',
    provider: { name: `Outlet ${i}`, domain: `outlet${i}.example`, logo: item.logo ? ref(item.logo) : null },
    quality: null,
    images: (item.images ?? []).map(ref),
    extra: {}
  }))
  return {
    id: spec.id,
    path: `${spec.id}.md`,
    aliases: [],
    category: 'news',
    title: `Card ${spec.id}`,
    excerpt: '',
    publishedAt: spec.publishedAtMs ? new Date(spec.publishedAtMs).toISOString() : null,
    publishedAtMs: spec.publishedAtMs ?? null,
    originalUrl: null,
    webUrl: `https://example.org/${spec.id}`,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    type: 'article',
    quality: null,
    heat: null,
    published: true,
    featuredContent: null,
    provider: { name: 'Provider', domain: 'provider.example', logo: spec.logo ? ref(spec.logo) : null },
    topics: [],
    images: (spec.images ?? []).map(ref),
    related,
    secured: null,
    body: '',
    extra: {}
  }
}
