export const REPO_ROOT: string
/** out/main/cli.js: the built `tidings` command. */
export const CLI: string

export interface ServeChild {
  /** The tokenised page URL the host printed. */
  url: string
  origin: string
  port: number
  token: string
  pid: number | undefined
  /** Everything the host printed, for failure reports. */
  output: string[]
  /** Its exit code or signal, once it has exited. */
  exited: Promise<number | string | null>
  stop(): Promise<void>
  kill(): Promise<void>
}

export function startServe(options: { folder: string; dataDir: string; port?: number; extraArgs?: string[]; timeoutMs?: number }): Promise<ServeChild>
