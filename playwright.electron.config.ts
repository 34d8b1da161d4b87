import { defineConfig } from '@playwright/test'

const isCI = Boolean(process.env.CI)

// The Electron journeys: the built app launched through Playwright's _electron.
// They skip, saying why, where no Electron runtime can start (see e2e/electron/runtime.ts).
export default defineConfig({
  testDir: 'e2e/electron',
  globalSetup: './e2e/electron/global-setup.ts',
  outputDir: 'artifacts/e2e-electron/results',
  reporter: [['list']],
  // One app at a time: each holds the single-instance lock of its data folder.
  workers: 1,
  retries: isCI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: isCI
})
