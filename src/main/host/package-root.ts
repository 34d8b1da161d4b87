import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface PackageInfo {
  root: string
  version: string
}

/**
 * The folder holding Tidings' package.json, found by walking up from this
 * module: out/main/cli.js when built, src/main/host when run from source.
 */
export function findPackage(from: string = fileURLToPath(import.meta.url)): PackageInfo {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'tidings') return { root: dir, version: pkg.version ?? '0.0.0' }
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the tidings package above ${from}`)
  }
}

export const rendererDirOf = (root: string): string => join(root, 'out', 'renderer')
export const sampleFolderOf = (root: string): string => join(root, 'resources', 'sample-cards')
