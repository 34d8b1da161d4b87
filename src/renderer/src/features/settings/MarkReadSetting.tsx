// When an opened card counts as read: on open, after N seconds, or never.
import type { ReactNode } from 'react'
import { useSetting } from '../../data/hooks'
import { useLibrary } from '../../data/library-context'
import { decodeMarkRead, DEFAULT_MARK_READ, MARK_READ_KEY, MAX_SECONDS, type MarkReadMode, type MarkReadSetting } from './mark-read-setting'
import { SidebarGroup } from '../ui/SidebarGroup'

export function useMarkReadSetting(): MarkReadSetting {
  return decodeMarkRead(useSetting<unknown>(MARK_READ_KEY, DEFAULT_MARK_READ))
}

export function MarkReadControl(): ReactNode {
  const library = useLibrary()
  const setting = useMarkReadSetting()
  const save = (next: MarkReadSetting): void => void library.setSetting(MARK_READ_KEY, next)
  return (
    <SidebarGroup title="Reading" className="reading-settings">
      <label className="setting">
        <span>Mark cards read</span>
        <select value={setting.mode} onChange={(event) => save({ ...setting, mode: event.target.value as MarkReadMode })}>
          <option value="open">When opened</option>
          <option value="after">After a few seconds</option>
          <option value="never">Never (only with m)</option>
        </select>
      </label>
      {setting.mode === 'after' ? (
        <label className="setting">
          <span>Seconds open</span>
          <input type="number" min={1} max={MAX_SECONDS} value={setting.seconds} onChange={(event) => save(decodeMarkRead({ mode: 'after', seconds: Number(event.target.value) }))} />
        </label>
      ) : null}
    </SidebarGroup>
  )
}
