// Counts as the user's locale writes them (12,345). One formatter for the page:
// Number#toLocaleString sets up a formatter on every call, and the status bar and
// the facets format dozens of counts on every render during a sync.
const COUNT_FORMAT = new Intl.NumberFormat()

export const formatCount = (value: number): string => COUNT_FORMAT.format(value)
