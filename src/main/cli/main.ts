// The `tidings` command line: one subcommand per module, loaded only when used.
import { version } from '../../../package.json'
import { stdio, type CliIo } from './io'

type Command = { run(args: string[], io?: CliIo): Promise<number> }

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  scan: { summary: 'scan FOLDER [--json] [--watch]   read a folder of cards and report cards, copies and errors', load: () => import('./scan-command') },
  stories: { summary: 'stories FOLDER [--json]          group cards that tell one event into stories, biggest first', load: () => import('./stories-command') },
  cache: { summary: 'cache ...                        manage the image cache (see `tidings cache --help`)', load: () => import('./cache-command') },
  marks: { summary: 'marks FOLDER [--json]            the read and star marks devices keep with the folder', load: () => import('./marks-command') },
  serve: { summary: 'serve [FOLDER]                   open Tidings in your browser, served on 127.0.0.1', load: () => import('./serve-command') }
}

export const HELP = `Tidings ${version}: an offline reader for folders of news cards.

Usage: tidings <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  tidings ${command.summary}`)
  .join('\n')}

Options:
  -h, --help       show this help (or a command's: tidings scan --help)
  -v, --version    print the version
`

export async function runCli(argv: string[], io: CliIo = stdio): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined) {
    io.err(HELP)
    return 1
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(HELP)
    return 0
  }
  if (first === '--version' || first === '-v') {
    io.out(`${version}\n`)
    return 0
  }
  const command = COMMANDS[first]
  if (command === undefined || !Object.hasOwn(COMMANDS, first)) {
    io.err(`tidings: unknown command '${first}'. Run 'tidings --help' for the list.\n`)
    return 1
  }
  const module = await command.load()
  return module.run(rest, io)
}
