// What the reader does with a story: open it (the lead in the reading pane;
// coverage new since a read is then seen) and mark all of it read, with undo.
import type { ToastMessage } from '../toast/Toast'
import type { LibraryController } from '../../data/library-controller'
import type { StoryRow } from './story-rows'

export interface StoryActions {
  open(story: StoryRow): void
  markRead(story: StoryRow): void
}

export function storyActions(library: LibraryController, select: (id: string) => void, notify: (text: string, action?: ToastMessage['action']) => void): StoryActions {
  return {
    open(story) {
      select(story.lead.id)
      // Opening the story again while its lead is already open still counts as seeing the new coverage.
      if (story.newCount > 0) void library.markSeen(story.cards.map((card) => card.id))
    },
    markRead(story) {
      void library.markAllRead(story.cards.map((card) => card.id)).then((done) => {
        if (done.changed === 0) return notify('Every card in this story was already read.')
        notify(`Marked the story's ${done.changed.toLocaleString()} ${done.changed === 1 ? 'card' : 'cards'} as read.`, { label: 'Undo', run: () => void done.undo() })
      })
    }
  }
}
