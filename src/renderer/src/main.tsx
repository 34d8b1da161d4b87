import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getApi } from './api'
import { db } from './db/database'
import { startLibrary } from './data/controller'
import { LibraryProvider } from './data/library-context'
import './styles/index.css'
import { markStartup } from './startup-marks'
import { whenWorthRendering } from './first-paint'

markStartup('script')

// The library starts before React renders, so IndexedDB is already being read
// when the first frame paints.
const library = startLibrary(getApi(), db)

void whenWorthRendering(library.store).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LibraryProvider library={library}>
        <App />
      </LibraryProvider>
    </StrictMode>
  )
)
