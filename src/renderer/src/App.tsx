// The reader screen: filters | list | reading pane | related coverage, with a
// status bar. State lives in useReaderModel; this file wires actions, keys and
// menu commands to it.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { MenuCommand } from '../../shared/contract'
import { hasNativeFolderDialog } from './api'
import { EmptyState } from './features/app/EmptyState'
import { FiltersSection } from './features/app/FiltersSection'
import { ListPane } from './features/app/ListPane'
import { LiveStatusBar } from './features/app/LiveStatusBar'
import { TopBar } from './features/app/TopBar'
import { useMarkOnOpen } from './features/app/use-mark-on-open'
import { useNow } from './features/app/use-now'
import { useReaderModel } from './features/app/use-reader-model'
import { useShellStatus } from './features/app/use-shell-status'
import { hasActiveFilters } from './features/filter/run-filter'
import { FolderDialog } from './features/folders/FolderDialog'
import { ShortcutsDialog } from './features/keyboard/ShortcutsDialog'
import { useReaderKeys } from './features/keyboard/use-reader-keys'
import { useCardDetail, useCardStates, useMenuCommand, useSavedViews } from './data/hooks'
import { useLibrary } from './data/library-context'
import type { RevealRequest } from './features/list/CardList'
import { stepPosition, stepThrough } from './features/list/navigation'
import { originalOf } from './features/reading/external-url'
import { preloadCardBody } from './features/reading/ReadingPane'
import { StableReadingPane, StableRelatedSidebar } from './features/app/stable-panes'
import { ModeSwitch, StoriesHeader } from './features/stories/StoriesHeader'
import { storyActions } from './features/stories/story-actions'
import { StoryList } from './features/stories/StoryList'
import { StoryPanel } from './features/stories/StoryPanel'
import { useStoryView } from './features/stories/use-story-view'
import { useMarkReadSetting } from './features/settings/MarkReadSetting'
import { ErrorsDialog } from './features/status/ErrorsDialog'
import { Toast, type ToastMessage } from './features/toast/Toast'
import { useViewEntries } from './features/views/use-view-entries'
import { messageOf } from '../../shared/errors'
import { markStartup } from './startup-marks'

type DialogName = 'shortcuts' | 'errors' | 'folder' | null

export function App(): ReactNode {
  const library = useLibrary()
  const status = useShellStatus()
  const model = useReaderModel()
  const { index, flags, result, selectedId, select } = model
  const { states } = useCardStates()
  const savedViews = useSavedViews()
  const detail = useCardDetail(selectedId)
  const markRead = useMarkReadSetting()
  const now = useNow()
  const touchedByHandRef = useMarkOnOpen(selectedId, markRead, library)
  const storyView = useStoryView(library, index, result, model.parsed, selectedId)

  const [dialog, setDialog] = useState<DialogName>(null)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const [reveal, setReveal] = useState<RevealRequest | null>(null)
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [narrowView, setNarrowView] = useState<'list' | 'reader'>('list')
  const [bannerDismissed, setBannerDismissed] = useState<string | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const articleRef = useRef<HTMLElement>(null)
  const wantArticleFocus = useRef(false)

  const hasRows = index.liveCount > 0
  useEffect(() => markStartup(hasRows ? 'react-rows' : 'react-first'), [hasRows])
  useEffect(() => {
    if (hasRows) preloadCardBody()
  }, [hasRows])

  useEffect(() => {
    document.title = status.folderName ? `${status.folderName} — Tidings` : 'Tidings'
  }, [status.folderName])

  useEffect(() => {
    if (wantArticleFocus.current && articleRef.current) {
      wantArticleFocus.current = false
      articleRef.current.focus()
    }
  })

  const notify = useCallback((text: string, action?: ToastMessage['action']) => setToast({ id: Date.now(), text, action }), [])
  const dismissToast = useCallback((id: number) => setToast((current) => (current?.id === id ? null : current)), [])

  const openExternal = useCallback(
    (url: string) => {
      library.openExternal(url).then( // eng-disable OPEN_EXTERNAL_JS_CHECK -- reason: a contract call; main sends only parsed http(s) URLs to shell.openExternal
        (opened) => opened || notify(`Could not open ${url}`),
        (error: unknown) => notify(`Could not open the link: ${messageOf(error)}`)
      )
    },
    [library, notify]
  )

  const toggleRead = useCallback(
    (id: string) => {
      touchedByHandRef.current = id
      void library.toggleRead(id)
    },
    [library, touchedByHandRef]
  )
  const toggleStar = useCallback((id: string) => void library.toggleStarred(id), [library])

  const selectAndReveal = useCallback(
    (id: string) => {
      select(id)
      setReveal({ id, seq: Date.now() })
    },
    [select]
  )

  const openCardInPlace = useCallback((id: string): void => (selectAndReveal(id), setNarrowView('reader')), [selectAndReveal])
  const { setFilters } = model
  const showTopic = useCallback((topic: string) => (setFilters((current) => ({ ...current, topics: [topic] })), setNarrowView('list')), [setFilters])

  const stories = storyActions(library, (id) => (select(id), setNarrowView('reader')), notify)

  const markAllRead = async (): Promise<void> => {
    const ids = Array.from(storyView.matches, (row) => index.rows[row].id)
    const done = await library.markAllRead(ids)
    if (done.changed === 0) return notify('Every card in this view was already read.')
    notify(`Marked ${done.changed.toLocaleString()} ${done.changed === 1 ? 'card' : 'cards'} as read.`, { label: 'Undo', run: () => void done.undo() })
  }

  const viewEntries = useViewEntries(savedViews, index, flags, { query: model.query, filters: model.filters, sort: model.sort })
  const filtered = model.query.trim() !== '' || hasActiveFilters(model.filters)

  const run = (command: MenuCommand): void => {
    switch (command) {
      case 'next':
      case 'previous': {
        const step = command === 'next' ? 1 : -1
        if (storyView.mode === 'stories') {
          const openAnchor = storyView.openStory?.anchor
          const story = storyView.rows.at(stepPosition(storyView.rows.length, openAnchor === undefined ? -1 : storyView.rows.positionOf(openAnchor), step))
          if (story) {
            // Like j/k in the card list: the story opens, the narrow layout stays on the list.
            storyActions(library, select, notify).open(story)
            setReveal({ id: story.anchor, seq: Date.now() })
          }
        } else {
          const id = stepThrough(index, result.matches, selectedId, step)
          if (id) selectAndReveal(id)
        }
        if (document.activeElement === document.body) listRef.current?.focus()
        return
      }
      case 'open-card': {
        const id = selectedId ?? stepThrough(index, result.matches, null, 1)
        if (!id) return
        selectAndReveal(id)
        setNarrowView('reader')
        wantArticleFocus.current = true
        articleRef.current?.focus()
        return
      }
      case 'open-original': {
        // The pane keeps the previous card for a moment while the next one loads.
        const url = detail && detail.id === selectedId ? originalOf(detail) : null
        if (url) openExternal(url)
        return
      }
      case 'toggle-read':
        if (selectedId) toggleRead(selectedId)
        return
      case 'toggle-star':
        if (selectedId) toggleStar(selectedId)
        return
      case 'focus-search':
        searchRef.current?.focus()
        searchRef.current?.select()
        return
      case 'clear':
        if (filtered) model.clear()
        else if (document.activeElement === searchRef.current) {
          // Leave the search box, for the list when it is showing.
          if (listRef.current) listRef.current.focus()
          else searchRef.current?.blur()
        }
        return
      case 'show-shortcuts':
        setDialog('shortcuts')
        return
      case 'open-folder':
        // Electron's menu goes straight to the native dialog; the browser host asks for a path.
        if (hasNativeFolderDialog()) library.chooseFolder().catch((error: unknown) => notify(messageOf(error)))
        else setDialog('folder')
        return
    }
  }
  useReaderKeys(run)
  useMenuCommand(run)

  const rebuildBanner = status.rebuildMessage && status.rebuildMessage !== bannerDismissed ? status.rebuildMessage : null

  return (
    <div className="app" data-narrow-view={narrowView} data-filters-open={filtersOpen}>
      <TopBar
        filtersOpen={filtersOpen}
        folder={status.folder}
        folderName={status.folderName}
        query={model.query}
        queryErrors={model.parsed.errors}
        searchRef={searchRef}
        onToggleFilters={() => setFiltersOpen(!filtersOpen)}
        onQuery={model.setQuery}
        onOpenFolder={() => setDialog('folder')}
        onShowShortcuts={() => setDialog('shortcuts')}
      />

      <div className="panes">
        <FiltersSection library={library} model={model} savedViews={savedViews} viewEntries={viewEntries} filtered={filtered} notify={notify} />

        <section className="list-pane" aria-label="Card list">
          {rebuildBanner ? (
            <p className="banner" role="note">
              {rebuildBanner}
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setBannerDismissed(rebuildBanner)}>
                ×
              </button>
            </p>
          ) : null}
          <ListPane
            status={status}
            index={index}
            matches={storyView.matches}
            modeSwitch={<ModeSwitch mode={storyView.mode} onMode={storyView.setMode} />}
            stories={
              storyView.mode === 'stories'
                ? {
                    header: <StoriesHeader count={storyView.rows.length} unread={result.unreadCount} sort={storyView.sort} pending={model.pending || !storyView.ready} onSort={storyView.setSort} onMarkAllRead={() => void markAllRead()} />,
                    list: <StoryList stories={storyView.rows} selectedAnchor={storyView.openStory?.anchor ?? null} reveal={reveal} now={now} listRef={listRef} onOpen={stories.open} />
                  }
                : undefined
            }
            unreadInView={result.unreadCount}
            pending={model.pending}
            filtered={filtered}
            sort={model.listSort}
            search={model.search}
            states={states}
            selectedId={selectedId}
            reveal={reveal}
            view={model.resultView}
            now={now}
            listRef={listRef}
            onSort={model.setListSort}
            onSelect={(id) => {
              select(id)
              setNarrowView('reader')
            }}
            onMarkAllRead={() => void markAllRead()}
            onClear={model.clear}
            onOpenFolder={() => setDialog('folder')}
            onShowErrors={() => setDialog('errors')}
          />
        </section>

        <div className="reader" data-scroll-pane>
          <main className="reading-pane" aria-label="Reading pane">
            <button type="button" className="button small back-button" onClick={() => setNarrowView('list')}>
              ← Cards
            </button>
            {status.phase === 'no-folder' ? (
              <EmptyState title="Nothing to read yet">
                <p>Open a folder of cards and pick one from the list.</p>
              </EmptyState>
            ) : (
              <StableReadingPane
                selectedId={selectedId}
                card={detail}
                now={now}
                articleRef={articleRef}
                onToggleRead={toggleRead}
                onToggleStar={toggleStar}
                onOpenExternal={openExternal}
                onTopic={showTopic}
              />
            )}
          </main>

          <aside className="related-pane" aria-label="Related coverage">
            {storyView.openStory ? <StoryPanel story={storyView.openStory} openId={selectedId} now={now} onOpenCard={openCardInPlace} onMarkRead={stories.markRead} /> : null}
            <StableRelatedSidebar card={selectedId ? detail : null} onOpenCard={openCardInPlace} onOpenExternal={openExternal} />
          </aside>
        </div>
      </div>

      <LiveStatusBar onShowErrors={() => setDialog('errors')} />
      <Toast toast={toast} onDismiss={dismissToast} />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={() => setDialog(null)} />
      <ErrorsDialog open={dialog === 'errors'} onClose={() => setDialog(null)} />
      <FolderDialog open={dialog === 'folder'} currentFolder={status.folder} onClose={() => setDialog(null)} />
    </div>
  )
}
