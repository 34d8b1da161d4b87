// Makes the formatters the first screen uses, so ICU's locale data is loaded before the page's main
// thread asks for it (see warm-intl.ts), then says so and ends.
new Intl.NumberFormat().format(1)
new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(0)
new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(1, 'day')
self.postMessage('warm')
