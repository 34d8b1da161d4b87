// A folder is untrusted, and so are its file names: a sync tool or an old archive can leave names
// that are not UTF-8. Node would decode them with U+FFFD, a name no file has, so the card would
// "vanish" between listing and reading. Names are therefore read as bytes; one that is not UTF-8
// becomes a per-file error that shows its bytes escaped, never a silent gap.
import type { CardError } from '../../../shared/card'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** The name as text, or null when its bytes are not valid UTF-8. */
export function utf8NameOf(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}

/** The name with every byte over 0x7F shown as \xNN (so `caf\xE9.md`), for a name that is not UTF-8. */
export function escapedNameOf(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`
  return text
}

/** The extension and a leading dot are ASCII, so a byte-for-byte reading is enough to judge them. */
export function asciiViewOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1')
}

export function badNameError(path: string, kind: 'file' | 'folder'): CardError {
  const consequence = kind === 'file' ? 'the card is not read' : 'the cards in it are not read'
  return {
    path,
    code: 'name-not-utf8',
    message: `the ${kind} name is not valid UTF-8 (its bytes are shown as \\xNN); ${consequence} until it is renamed`
  }
}
