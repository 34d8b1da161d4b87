// Placeholder: `tidings scan FOLDER --watch` is written by the live-library owner and replaces this file.
export async function runWatch(_folder: string, _options: { json: boolean }): Promise<number> {
  process.stderr.write('tidings scan --watch: not implemented yet\n')
  return 1
}
