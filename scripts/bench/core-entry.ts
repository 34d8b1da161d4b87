// Built to out/main/bench.js so `npm run bench` times the same bundled core the
// app runs (scan workers included), not the TypeScript sources.
export { scanFolder, streamFolder } from './scan/scan'
export { LiveFolder } from './watch/live-folder'
export { parseFrontMatterFast } from './parse/fast-front-matter'
export { readFrontMatterWithGrayMatter } from './parse/gray-matter-reader'
export { parseCardBytes } from './parse/parse-card'
