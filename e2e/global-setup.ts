import { existsSync } from 'node:fs'
import { ensureBuilt } from '../scripts/ensure-build.mjs'
import { CHROMIUM } from './chromium'

/** The journeys run the built app, as a user would: build it first when it is missing or stale. */
export default function globalSetup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it (apt-get install chromium) or set TIDINGS_CHROMIUM.`)
  ensureBuilt()
}
