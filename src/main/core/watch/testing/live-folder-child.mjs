// Test support: runs a LiveFolder in its own process (the test starts it as an
// unprivileged user, so permission errors are real even when tests run as root)
// and prints every event as one JSON line. Stops on SIGTERM.
import { createJiti } from 'jiti'

const [folder] = process.argv.slice(2)
const jiti = createJiti(import.meta.url)
const { LiveFolder } = await jiti.import('../live-folder.ts')
const live = new LiveFolder({
  folder,
  workers: 0,
  pollMs: 200,
  debounceMs: 40,
  unreadableRetryMs: [200, 400],
  emit: (event) => process.stdout.write(JSON.stringify(event) + '\n')
})
await live.start()
await live.sync([])
process.stdout.write(JSON.stringify({ type: 'ready' }) + '\n')
const keepAlive = setInterval(() => undefined, 1 << 30)
process.once('SIGTERM', async () => {
  clearInterval(keepAlive)
  await live.close()
})
