import { describe, expect, it } from 'vitest'
import type { ImageResolution } from '../../../shared/contract'
import { ImageResolver } from './image-resolver'

type Request = { urls: string[]; priority: 'visible' | 'background' }

function resolverWith(answer: (request: Request) => ImageResolution[]) {
  const calls: Request[] = []
  const resolver = new ImageResolver(async (request) => {
    calls.push(request)
    return answer(request)
  }, 1)
  return { resolver, calls }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10))
const pending = (url: string): ImageResolution => ({ url, state: 'pending', src: null })

describe('ImageResolver', () => {
  it('keeps why an image failed, so the page can say it (a private address)', async () => {
    const { resolver } = resolverWith(({ urls }) => urls.map((url) => ({ url, state: 'failed', src: null, reason: 'private-address' })))
    resolver.request('http://127.0.0.1/a.jpg', 'visible')
    await tick()
    expect(resolver.get('http://127.0.0.1/a.jpg')).toEqual({ src: null, state: 'failed', reason: 'private-address' })
  })

  it('gathers requests into one call per priority and serves cached answers from memory', async () => {
    const { resolver, calls } = resolverWith(({ urls }) => urls.map((url) => ({ url, state: 'cached', src: `/image/${url.length}` })))
    resolver.request('https://a/1.jpg', 'visible')
    resolver.request('https://a/2.jpg', 'visible')
    resolver.request('https://a/3.jpg', 'background')
    await tick()
    expect(calls).toEqual([
      { urls: ['https://a/1.jpg', 'https://a/2.jpg'], priority: 'visible' },
      { urls: ['https://a/3.jpg'], priority: 'background' }
    ])
    expect(resolver.get('https://a/1.jpg')).toEqual({ src: '/image/15', state: 'cached' })
    resolver.request('https://a/1.jpg', 'visible')
    await tick()
    expect(calls).toHaveLength(2)
  })

  it('swaps the src in when images-ready arrives, and tells the subscribers', async () => {
    const { resolver } = resolverWith(({ urls }) => urls.map(pending))
    let told = 0
    resolver.subscribe('https://a/x.jpg', () => told++)
    resolver.request('https://a/x.jpg', 'visible')
    await tick()
    expect(resolver.get('https://a/x.jpg').state).toBe('pending')
    resolver.accept([{ url: 'https://a/x.jpg', state: 'cached', src: 'tidings-image://img/abc' }])
    expect(resolver.get('https://a/x.jpg')).toEqual({ src: 'tidings-image://img/abc', state: 'cached' })
    expect(told).toBeGreaterThanOrEqual(2)
  })

  it('asks again at visible priority for an image that scrolled into view', async () => {
    const { resolver, calls } = resolverWith(({ urls }) => urls.map(pending))
    resolver.request('https://a/y.jpg', 'background')
    await tick()
    resolver.request('https://a/y.jpg', 'background')
    resolver.request('https://a/y.jpg', 'visible')
    await tick()
    expect(calls.map((call) => call.priority)).toEqual(['background', 'visible'])
  })

  it('keeps a failure with its state, and asks again after a call that did not get through', async () => {
    let down = true
    const calls: Request[] = []
    const resolver = new ImageResolver(async (request) => {
      calls.push(request)
      if (down) throw new Error('host restarting')
      return request.urls.map((url) => ({ url, state: 'failed', src: null, reason: 'HTTP 404' }))
    }, 1)
    resolver.request('https://a/z.jpg', 'visible')
    await tick()
    down = false
    resolver.request('https://a/z.jpg', 'visible')
    await tick()
    expect(calls).toHaveLength(2)
    expect(resolver.get('https://a/z.jpg').state).toBe('failed')
  })

  it('keeps no entry for an image it never asked for, and asks main when one is wanted later', async () => {
    const { resolver, calls } = resolverWith(({ urls }) => urls.map((url) => ({ url, state: 'cached', src: `/image/${url.length}` })))
    // main announces every image it cached, related items' included
    resolver.accept([{ url: 'https://a/unasked.jpg', state: 'cached', src: '/image/1' }])
    expect(resolver.get('https://a/unasked.jpg').state).toBe('none')
    resolver.request('https://a/unasked.jpg', 'visible')
    await tick()
    expect(calls).toHaveLength(1)
    expect(resolver.get('https://a/unasked.jpg')).toEqual({ src: '/image/21', state: 'cached' })
  })
})
