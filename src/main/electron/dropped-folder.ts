/**
 * A folder dropped on the window, waiting for the renderer to ask for it.
 * The shell sends the usual 'open-folder' menu command; the renderer answers
 * with chooseFolder(), which takes the dropped folder instead of showing the
 * dialog. So a drop opens through exactly the path the dialog uses, errors
 * and all, with no extra channel in the contract.
 */
export class DroppedFolder {
  private pending: { folder: string; at: number } | null = null

  constructor(private readonly maxAgeMs = 10_000) {}

  offer(folder: string, now = Date.now()): void {
    this.pending = { folder, at: now }
  }

  /** The dropped folder if one is fresh, once; later calls get null. */
  take(now = Date.now()): string | null {
    const pending = this.pending
    this.pending = null
    return pending && now - pending.at <= this.maxAgeMs ? pending.folder : null
  }
}
