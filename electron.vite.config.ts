import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build produces every Node-side entry: the Electron main process, the
// `tidings` CLI (which also runs the browser host), the scan worker, and the
// core entry points `npm run bench` times (scripts/bench/core-entry.ts).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
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
      outDir: 'out/preload',
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
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
