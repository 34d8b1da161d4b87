// What the library must show: the model of a folder the fuzz changes, and the
// comparison of a page's IndexedDB against it.

/** A synthetic card: a unique story key, so each file is its own story and its title says its version. */
export function syntheticCard(key, version) {
  const day = String((key % 28) + 1).padStart(2, '0')
  return [
    '---',
    `title: "${titleOf(key, version)}"`,
    `excerpt: "Fuzz story ${key}, version ${version}, written by the live-library fuzz."`,
    `publishedDateTime: 2031-03-${day}T${String(key % 24).padStart(2, '0')}:00:00Z`,
    `webUrl: "https://fuzz.example/story/${key}"`,
    'type: article',
    `quality: ${version % 100}`,
    'heat: -1',
    'provider:',
    '  name: Fuzz Wire',
    '  domain: fuzz.example',
    'topics:',
    '  - Fuzzing',
    'related:',
    ...Array.from({ length: version % 4 }, (_, i) => [`  - title: "Coverage ${i} of story ${key}"`, `    webUrl: "https://other.example/${key}/${i}"`]).flat(),
    '---',
    ''
  ].join('\n')
}

export const titleOf = (key, version) => `Fuzz story ${key} v${version}`

/** Differences between the page and what it must hold; empty when equal. */
export function compareLibrary({ page, expectedCards, expectedMarks, shown, expectedErrors = new Set() }) {
  const problems = []
  const got = new Map(page.cards.map((card) => [card.path, card]))
  for (const [path, title] of expectedCards) {
    const card = got.get(path)
    if (!card) problems.push(`missing card ${path} ("${title}")`)
    else if (card.title !== title) problems.push(`stale card ${path}: shows "${card.title}", file says "${title}"`)
  }
  for (const path of got.keys()) if (!expectedCards.has(path)) problems.push(`card of a file no longer there: ${path}`)
  for (const path of page.errors) if (!expectedErrors.has(path)) problems.push(`error still shown for ${path}`)
  for (const path of expectedErrors) if (!page.errors.includes(path)) problems.push(`no error shown for ${path}`)
  if (shown !== undefined && shown !== expectedCards.size) problems.push(`the list says ${shown} cards, the folder has ${expectedCards.size}`)
  // Marks by card id; a mark on a card that is gone is kept for when it comes back.
  const present = new Set(page.cards.map((card) => card.id))
  const states = new Map(page.states.map((state) => [state.id, state]))
  for (const [id, mark] of expectedMarks) {
    if (!present.has(id)) continue
    const state = states.get(id) ?? { read: false, starred: false }
    if (state.read !== mark.read || state.starred !== mark.starred) problems.push(`mark lost on ${id}: page has read=${state.read} starred=${state.starred}, expected read=${mark.read} starred=${mark.starred}`)
  }
  return problems
}

/** Expected marks the journal (the host's loadMarks) does not hold as they are; a lost database is rebuilt from it. */
export function marksMissingFromJournal(journalMarks, expectedMarks) {
  const journal = new Map(journalMarks.map((mark) => [mark.id, mark]))
  return [...expectedMarks].filter(([id, mark]) => (journal.get(id)?.read ?? false) !== mark.read || (journal.get(id)?.starred ?? false) !== mark.starred).map(([id]) => id)
}
