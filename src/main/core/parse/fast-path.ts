// The ONE call site of the fast front-matter path (owner: perf). It sees text
// whose fences and language check out (plain YAML, closed). Null hands the file
// to gray-matter; either way the result goes through the same node-budget check
// and normalizeCard.
import { parseFrontMatterFast } from './fast-front-matter'

export function tryFastFrontMatter(text: string): { data: Record<string, unknown>; body: string } | null {
  return parseFrontMatterFast(text)
}
