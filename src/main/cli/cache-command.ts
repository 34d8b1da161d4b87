// Placeholder: the `tidings cache` command is written by its owner and replaces this file.
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('tidings cache: not implemented yet\n')
  return 1
}
