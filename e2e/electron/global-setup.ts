import { ensureBuilt } from '../../scripts/ensure-build.mjs'
import { findElectronRuntime } from './runtime'

/** Builds the app when it is stale, unless the journeys are going to skip anyway. */
export default function globalSetup(): void {
  const runtime = findElectronRuntime()
  if ('unavailable' in runtime) {
    console.log(`Electron journeys skipped: ${runtime.unavailable}.`)
    return
  }
  ensureBuilt()
}
