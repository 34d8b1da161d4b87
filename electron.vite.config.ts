import { join, resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build produces every Node-side entry: the Electron main process, the
// `tidings` CLI (which also runs the browser host), the scan worker, and the
// core entry points `npm run bench` times (scripts/bench/core-entry.ts).
// The page's scripts are minified: Chromium reads and compiles less before the first rows. `npm run security`
// builds an unminified copy elsewhere (TIDINGS_UNMINIFIED_OUT), since it maps each finding to a source line.
const unminifiedOut = process.env.TIDINGS_UNMINIFIED_OUT
const outRoot = unminifiedOut ?? 'out'

export default defineConfig({
  main: {
    build: {
      outDir: join(outRoot, 'main'),
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          'scan-worker': resolve('src/main/core/scan/scan-worker.ts'),
          bench: resolve('scripts/bench/core-entry.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: join(outRoot, 'preload'),
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: join(outRoot, 'renderer'),
      minify: unminifiedOut === undefined,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
