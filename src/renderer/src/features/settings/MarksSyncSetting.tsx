// "Keep read marks with the folder": the open folder's setting, this device's
// editable name, the devices whose marks were found, and what went wrong.
import { useEffect, useState, type ReactNode } from 'react'
import type { MarksSyncStatus } from '../../../../shared/contract'
import { useNow } from '../app/use-now'
import { useCurrentFolder } from '../../data/hooks'
import { useLibrary } from '../../data/library-context'
import { longRelative } from '../time/relative-time'
import { SidebarGroup } from '../ui/SidebarGroup'

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The folder's status as main last told it; null until main answers for this folder. */
function useMarksSyncStatus(folder: string | null): [MarksSyncStatus | null, (status: MarksSyncStatus) => void] {
  const { api } = useLibrary()
  const [known, setStatus] = useState<MarksSyncStatus | null>(null)
  useEffect(() => {
    if (folder === null) return
    let live = true
    const stop = api.onEvent((event) => {
      if (event.type === 'marks-sync-status' && event.status.folder === folder) setStatus(event.status)
    })
    api.getMarksSync({ folder }).then(
      (answer) => live && setStatus((current) => (current?.folder === folder ? current : answer)),
      () => undefined
    )
    return () => {
      live = false
      stop()
    }
  }, [api, folder])
  return [known?.folder === folder ? known : null, setStatus]
}

export function MarksSyncControl(): ReactNode {
  const { api } = useLibrary()
  const folder = useCurrentFolder()
  const [status, setStatus] = useMarksSyncStatus(folder)
  const [problem, setProblem] = useState<string | null>(null)
  // What the user is typing; null shows the name main holds.
  const [draft, setDraft] = useState<string | null>(null)
  const now = useNow()
  if (folder === null || status === null) return null

  const change = (request: { enabled?: boolean; deviceName?: string }): void => {
    setProblem(null)
    // Shown at once; main's answer (or its next status) corrects it.
    if (request.enabled !== undefined) setStatus({ ...status, enabled: request.enabled })
    api.setMarksSync({ folder, ...request }).then(setStatus, (error: unknown) => {
      setStatus(status)
      setProblem(messageOf(error))
    })
  }
  const saveName = (): void => {
    if (draft !== null && draft.trim() !== status.deviceName) change({ deviceName: draft })
    setDraft(null)
  }
  const others = status.devices.filter((device) => !device.thisDevice)

  return (
    <SidebarGroup title="Devices" className="marks-sync-settings">
      <label className="facet toggle">
        <input type="checkbox" checked={status.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
        <span className="facet-name">Keep read marks with the folder</span>
      </label>
      <label className="setting">
        <span>This device’s name</span>
        <input value={draft ?? status.deviceName} maxLength={60} onChange={(event) => setDraft(event.target.value)} onBlur={saveName} onKeyDown={(event) => event.key === 'Enter' && saveName()} />
      </label>
      {!status.enabled && others.length > 0 ? (
        <p className="setting">
          {others.map((device) => device.name).join(', ')} {others.length === 1 ? 'keeps its' : 'keep their'} marks in this folder.
        </p>
      ) : null}
      {status.enabled ? (
        <p className="setting" aria-live="polite">
          {others.length === 0
            ? 'No other device has shared marks in this folder yet.'
            : others.map((device) => `${device.name}: ${device.marks.toLocaleString()} ${device.marks === 1 ? 'mark' : 'marks'}${device.lastMarkAt ? `, the last ${longRelative(device.lastMarkAt, now)}` : ''}`).join('; ')}
        </p>
      ) : null}
      {status.warning ? <p className="setting">{status.warning}</p> : null}
      {status.error || problem ? (
        <p className="setting" role="alert">
          {status.error ?? problem}
        </p>
      ) : null}
    </SidebarGroup>
  )
}
