// Counts as the user's locale writes them (12,345). One formatter for the page:
// Number#toLocaleString sets up a formatter on every call, and the status bar and
// the facets format dozens of counts on every render during a sync. Made on first use, not on import:
// the page's first Intl formatter is slow (ICU loads its data) and warm-intl.ts has a worker load it first.
let countFormat: Intl.NumberFormat | null = null

export const formatCount = (value: number): string => (countFormat ??= new Intl.NumberFormat()).format(value)
