import { defineConfig } from '@playwright/test'
import { CHROMIUM } from './e2e/chromium'

const isCI = Boolean(process.env.CI)

// Browser-host journeys against the built app in Debian's Chromium.
// The Electron journeys have their own config (playwright.electron.config.ts).
export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['electron/**'],
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'artifacts/e2e/results',
  reporter: isCI ? [['list'], ['html', { outputFolder: 'artifacts/e2e/report', open: 'never' }]] : [['list']],
  workers: 2,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: isCI,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure'
  }
})
