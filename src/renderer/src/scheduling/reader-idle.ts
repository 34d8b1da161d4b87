// Work that only pays off later (the startup copy of the rows) waits until the reader has stopped typing,
// clicking and scrolling for a moment: at 100k, even short background writes between a reader's keystrokes
// added up to slower keys for as long as they ran. Where there is no window (Node, the unit tests), the reader
// counts as idle.

/** How long after the last input the reader counts as idle. */
const IDLE_AFTER_MS = 2000
/** The longest background work waits for the reader, so a busy session still saves in the end. */
const LONGEST_WAIT_MS = 60_000

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'input'] as const

let lastInputAt = -Infinity
let listening = false

function listen(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  const seen = (): void => void (lastInputAt = performance.now())
  for (const type of INPUT_EVENTS) window.addEventListener(type, seen, { capture: true, passive: true })
}

/** Resolves once the reader has been idle for IDLE_AFTER_MS (at once if so), or after LONGEST_WAIT_MS at most. */
export async function readerIdle(): Promise<void> {
  listen()
  const started = performance.now()
  for (;;) {
    const now = performance.now()
    const quietFor = now - lastInputAt
    if (quietFor >= IDLE_AFTER_MS || now - started >= LONGEST_WAIT_MS) return
    await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS - quietFor))
  }
}

/** Starts noticing input now, so the first wait knows about keys pressed before it. */
export function watchReaderInput(): void {
  listen()
}
