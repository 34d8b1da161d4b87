import { createContext, useContext, type ReactNode } from 'react'
import type { LibraryController } from './library-controller'

const LibraryContext = createContext<LibraryController | null>(null)

export function LibraryProvider({ library, children }: { library: LibraryController; children: ReactNode }): ReactNode {
  return <LibraryContext.Provider value={library}>{children}</LibraryContext.Provider>
}

/** The controller from startLibrary(), for actions: marks, folder switches, saved views. */
export function useLibrary(): LibraryController {
  const library = useContext(LibraryContext)
  if (!library) throw new Error('useLibrary() needs a <LibraryProvider> above it')
  return library
}
