import { afterEach, describe, expect, it, vi } from 'vitest'

// The page's first Intl formatter is slow (ICU loads its data): the modules the first screen imports must
// not make one at import, so the worker of warm-intl.ts gets to load that data first.
const KINDS = ['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat'] as const
const made = new Map<string, number>()

function countConstructions(): void {
  for (const kind of KINDS) {
    const Original = Intl[kind] as unknown as new (...args: unknown[]) => object
    vi.spyOn(Intl, kind).mockImplementation(
      // A constructor that counts, then builds the real formatter.
      function (...args: unknown[]) {
        made.set(kind, (made.get(kind) ?? 0) + 1)
        return new Original(...args)
      } as never
    )
  }
}

describe('formatters made on first use', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    made.clear()
  })

  it('importing the count and time formatting makes no Intl formatter; the first call does', async () => {
    vi.resetModules()
    countConstructions()
    const { formatCount } = await import('../ui/format-count')
    const { shortRelative, longRelative } = await import('./relative-time')
    expect(Object.fromEntries(made)).toEqual({})
    expect(formatCount(12345)).toMatch(/^12.?345$/)
    expect(shortRelative(Date.UTC(2020, 0, 1), Date.UTC(2024, 0, 1))).toMatch(/2020/)
    expect(longRelative(0, 1000)).not.toBe('')
    expect([...made.keys()].sort()).toEqual([...KINDS].sort())
  })
})
