// Names what a non-text file really is, for the refusal message ("looks like
// a PNG image"). Only runs on files already refused, never on the happy path.
import { fileTypeFromBuffer } from 'file-type/core'

export async function describeBinary(bytes: Uint8Array): Promise<string> {
  try {
    const kind = await fileTypeFromBuffer(bytes)
    return kind === undefined ? '' : `; it looks like a ${kind.ext.toUpperCase()} file (${kind.mime})`
  } catch {
    return ''
  }
}
