// Injected into the page before the app loads (Playwright addInitScript). It
// notes when the first card row appears and times UI reactions from inside the
// page, where a click or key and the frame that shows its result share a clock.
/* global window, document, indexedDB, requestAnimationFrame, MutationObserver */
;(() => {
  const LIST = '[role="listbox"][aria-label="Cards"]'
  const OPTION = `${LIST} [role="option"]`
  const probe = { firstRowAt: null, lastKeyAt: null, savedAt: null, savedSamples: [] }
  window.__benchProbe = probe

  // "Saved for offline N of M" as the status bar shows it (savedSamples), and when, having shown it, the bar first
  // says Ready (savedAt): every card saved, as the page counts. Read from the bar's text every 250 ms: reading
  // IndexedDB that often (every row page and log record) took the page's thread from the sync it measured, and
  // doubled a 100k sync.
  const watchSaved = setInterval(() => {
    const text = document.querySelector('[role="status"][aria-label="Library status"]')?.textContent ?? ''
    const saved = /Saved for offline (\d{1,3}(?:,\d{3})*) of (\d{1,3}(?:,\d{3})*)/.exec(text)
    const count = (digits) => Number(digits.replace(/,/g, ''))
    if (saved) probe.savedSamples.push({ at: performance.now(), done: count(saved[1]), total: count(saved[2]) })
    else if (probe.savedSamples.length > 0 && /Ready/.test(text)) {
      probe.savedAt = performance.now()
      clearInterval(watchSaved)
    }
  }, 250)

  const watchFirstRow = new MutationObserver(() => {
    if (probe.firstRowAt === null && document.querySelector(OPTION)) {
      probe.firstRowAt = performance.now()
      watchFirstRow.disconnect()
    }
  })
  watchFirstRow.observe(document, { childList: true, subtree: true })
  document.addEventListener('keydown', () => (probe.lastKeyAt = performance.now()), true)

  // A task queued from a frame's requestAnimationFrame runs once that frame has painted: its style, layout and paint.
  const nextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => resolve(performance.now())
        channel.port2.postMessage(null)
      })
    )

  const busy = () => document.querySelector('[aria-busy]')?.getAttribute('aria-busy') === 'true'

  /**
   * Resolves with performance.now() at the first frame in which `reflected()` holds (the control shows the
   * user's input) and the list is not busy: the list then shows the result for that input, whether or not it
   * looks different (a narrowed search often lists the same cards). NaN after `timeoutMs`.
   */
  const answeredAt = (reflected, timeoutMs) =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs
      const check = () => {
        const now = performance.now()
        if (reflected() && !busy()) resolve(now)
        else if (now > deadline) resolve(NaN)
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })

  /** Clicks a facet's checkbox and returns ms until the frame that shows the list for the new selection. */
  probe.timeClick = async (element, timeoutMs = 5000) => {
    const selected = () => element.closest('label')?.classList.contains('is-selected') ?? false
    const before = selected()
    const started = performance.now()
    element.click()
    return (await answeredAt(() => selected() !== before, timeoutMs)) - started
  }

  /** Arms a watch for the next key in the search box; `keyLatency()` then measures from that key to the list answering it. */
  probe.armKey = (timeoutMs = 3000) => {
    probe.lastKeyAt = null
    const box = document.querySelector('input[type="search"][aria-label="Search"]')
    const before = box?.value
    probe.pendingKey = answeredAt(() => box !== null && box.value !== before, timeoutMs)
  }
  probe.keyLatency = async () => {
    const shownAt = await probe.pendingKey
    return probe.lastKeyAt === null ? NaN : shownAt - probe.lastKeyAt
  }

  /** Resolves with Date.now() when a row containing `text` is in the list; NaN after `timeoutMs`. */
  probe.waitForRowText = (text, timeoutMs = 10_000) =>
    new Promise((resolve) => {
      const has = () => [...document.querySelectorAll(OPTION)].some((o) => o.textContent.includes(text))
      if (has()) return resolve(Date.now())
      const observer = new MutationObserver(() => {
        if (has()) {
          observer.disconnect()
          clearTimeout(timer)
          resolve(Date.now())
        }
      })
      observer.observe(document, { childList: true, subtree: true, characterData: true })
      const timer = setTimeout(() => {
        observer.disconnect()
        resolve(NaN)
      }, timeoutMs)
    })

  // The open card as the reading pane and the related sidebar show it.
  const shownTitle = () => document.querySelector('#reading-title, .article-title')?.textContent ?? null
  // Every related item, not just the sidebar's summary: the list may fill in over more than one frame (it is
  // aria-busy until then, and names how many items it will hold in data-items; a build without that drew them
  // all in one commit).
  const relatedShown = () => {
    const aside = document.querySelector('aside[aria-label="Related coverage"]')
    if (!aside?.querySelector('.related-summary')) return false
    const list = aside.querySelector('ol[aria-label="Related items"]')
    if (!list) return (aside.textContent ?? '').includes('No other coverage')
    const items = list.querySelectorAll(':scope > li').length
    return list.getAttribute('aria-busy') !== 'true' && items > 0 && items === Number(list.dataset.items ?? items)
  }
  const removedShown = () => (document.body.textContent ?? '').includes('no longer in the folder')

  /**
   * Clicks the `index`th card row on screen and resolves with ms until the first
   * frame that shows that card's title in the reading pane with every item of
   * its related coverage, and
   * whether a "no longer in the folder" message showed meanwhile. NaN after `timeoutMs`.
   */
  probe.timeOpen = (index, timeoutMs = 10_000) =>
    new Promise((resolve) => {
      const options = document.querySelectorAll(OPTION)
      const option = options[index % Math.max(1, options.length)]
      if (!option) return resolve({ ms: NaN, removed: false, title: null })
      const wanted = option.querySelector('.card-option-title')?.textContent ?? option.textContent
      let removed = false
      let done = false
      const started = performance.now()
      const check = async () => {
        if (done) return
        if (removedShown()) removed = true
        if (shownTitle() === wanted && relatedShown()) {
          done = true
          observer.disconnect()
          clearTimeout(timer)
          resolve({ ms: (await nextPaint()) - started, removed, title: wanted })
        }
      }
      const observer = new MutationObserver(() => void check())
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] })
      const timer = setTimeout(() => {
        done = true
        observer.disconnect()
        resolve({ ms: NaN, removed, title: wanted })
      }, timeoutMs)
      option.click()
      void check()
    })

  /**
   * Rows in the app's IndexedDB stores `cards`, `cardDetails` and `related`; 0 before the app has created them,
   * and `related` null in a database without that store (Dexie version 5 on). From version 6 the details are in
   * the `details` store, counted as `cardDetails`. From version 8 the rows are counted by id across the cards
   * table, the row pages and the row log.
   */
  probe.storedCounts = async () => {
    const counts = { cards: 0, cardDetails: 0, related: 0 }
    const names = (await indexedDB.databases()).map((entry) => entry.name)
    if (!names.includes('tidings')) return counts
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('tidings')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      if (db.objectStoreNames.contains('cards') && !db.objectStoreNames.contains('related')) counts.related = null
      const all = (store, method) =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store)[method]()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      if (db.objectStoreNames.contains('rowLog')) {
        // Version 8 on: a card's light row is in the cards table (older writes), the row pages or the row log
        // (one record per write, folded in key order), so the card count is of ids across the three.
        const ids = new Set((await all('cards', 'getAllKeys')).map((key) => key[1]))
        for (const page of await all('rowPages', 'getAll')) for (const row of page.rows) ids.add(row.id)
        for (const record of await all('rowLog', 'getAll')) {
          for (const id of record.removed) ids.delete(id)
          for (const row of record.rows) ids.add(row.id)
        }
        counts.cards = ids.size
      }
      if (db.objectStoreNames.contains('detailIndex')) {
        // Version 8 on: details are packed a write to a record, found through the index log (folded in key order);
        // details an older version stored one per card stay in `details` until a write packs the card again.
        const keys = new Set(await all('details', 'getAllKeys'))
        const records = await all('detailIndex', 'getAll')
        const recordKeys = await all('detailIndex', 'getAllKeys')
        records.forEach((record, at) => {
          const folder = recordKeys[at][0]
          for (const id of record.removed) keys.delete(`${folder}\u0000${id}`)
          for (const id of record.ids) keys.add(`${folder}\u0000${id}`)
        })
        counts.cardDetails = keys.size
      }
      for (const name of Object.keys(counts)) {
        if (name === 'cards' && db.objectStoreNames.contains('rowLog')) continue
        if (name === 'cardDetails' && db.objectStoreNames.contains('detailIndex')) continue
        const store = name === 'cardDetails' && db.objectStoreNames.contains('details') ? 'details' : name
        if (!db.objectStoreNames.contains(store)) continue
        counts[name] = await new Promise((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).count()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      }
      return counts
    } finally {
      db.close()
    }
  }
})()
