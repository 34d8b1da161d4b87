// Stories: one event across outlets. See story-clusters.ts for how cards are grouped.
export { StoryClusters, DEFAULT_CLUSTER_OPTIONS, type ClusterChange, type ClusterOptions, type StoryInput } from './story-clusters'
export { compareStories, leadOf, storyHashOf, storyIdOf, summarizeStory, type StoryCardFacts, type StorySummary } from './story-summary'
export { listStories, summariesOf, type StoryCard } from './story-list'
export type { IdfSnapshot } from './vectors'
