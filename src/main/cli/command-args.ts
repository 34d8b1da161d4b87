// Every command reads its flags with node:util parseArgs, so a wrong flag is worded the same
// way by all of them (node's own wording names `--` tricks no user of Tidings needs).
import { parseArgs, type ParseArgsConfig } from 'node:util'

type Options = NonNullable<ParseArgsConfig['options']>

/** Parses a command's arguments (flags and positionals); throws an Error with a user-facing message when they are wrong. */
export function parseCommandArgs<const T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new Error(usageMessageOf(error))
  }
}

function usageMessageOf(error: unknown): string {
  const { code, message } = error as { code?: string; message: string }
  const flag = /'(-[^' <]*)/.exec(message)?.[1] ?? ''
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${flag}'`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.includes('does not take') ? `${flag} takes no value` : `${flag} wants a value`
  return message
}
