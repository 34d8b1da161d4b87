/**
 * Runs jobs one after another, each starting once the one before has settled, so writes and
 * reads see each other in order. A failed job rejects its own caller only; the queue goes on.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** `onError` hears each failed job (its caller still gets the rejection). */
  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  run<T>(job: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(job)
    this.tail = result.catch(this.onError)
    return result
  }

  /** Resolves once every job queued so far has settled; it never rejects. */
  async idle(): Promise<void> {
    await this.tail
  }
}
