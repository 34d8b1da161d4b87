// Placeholder: the `tidings serve` command is written by its owner and replaces this file.
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('tidings serve: not implemented yet\n')
  return 1
}
