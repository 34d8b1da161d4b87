/** What an error says, for a message shown to the user; anything thrown that is not an Error is shown as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
