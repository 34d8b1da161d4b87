// Built to out/main/bench.js (electron.vite.config.ts) so `npm run bench` times the same bundled core the
// app runs (scan workers included), not the TypeScript sources.
export { scanFolder, streamFolder } from '../../src/main/core/scan/scan'
export { LiveFolder } from '../../src/main/core/watch/live-folder'
export { parseFrontMatterFast } from '../../src/main/core/parse/fast-front-matter'
export { readFrontMatterWithGrayMatter } from '../../src/main/core/parse/gray-matter-reader'
export { parseCardBytes } from '../../src/main/core/parse/parse-card'
