// The reading pane and the related list, re-rendered only when their props change. The app re-renders
// on every rows signal of a sync; a card with ~180 related items re-rendered with it, each time, and
// stood in front of the next click. App passes them stable callbacks so the props stay equal.
import { memo } from 'react'
import { ReadingPane } from '../reading/ReadingPane'
import { RelatedSidebar } from '../related/RelatedSidebar'

export const StableReadingPane = memo(ReadingPane)
export const StableRelatedSidebar = memo(RelatedSidebar)
