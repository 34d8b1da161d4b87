// Whether a rows change may reach the screen as a background (transition) render, which a click or a
// keystroke interrupts, or must be rendered at once. A sync signals new rows a few times a second; rendered
// urgently, each signal's list, facet and story work stood in front of the user's next click or key.
// Held back for too long, though, the list would look stale: past `maxLagMs` behind, rows go urgent.

export class RowsLag {
  /** When the first signal the views have not shown yet came; null while they show the latest rows. */
  private behindSince: number | null = null

  constructor(
    private readonly maxLagMs: number,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** A rows signal: true when it must be rendered at once (`forced`: the first rows, a folder switch). */
  signalled(forced: boolean): boolean {
    const at = this.now()
    this.behindSince ??= at
    return forced || at - this.behindSince >= this.maxLagMs
  }

  /** The views committed rows version `version` of `latest`. */
  shown(version: number, latest: number): void {
    if (version >= latest) this.behindSince = null
  }

  /** Milliseconds until the rows shown count as stale (0: they do), null when the views are up to date. */
  staleIn(): number | null {
    return this.behindSince === null ? null : Math.max(0, this.behindSince + this.maxLagMs - this.now())
  }
}
