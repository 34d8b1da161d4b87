import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 820 }
export const MIN_SIZE = { width: 640, height: 420 }
// This much of the window's top edge must be on a display for the user to grab it.
const GRAB_WIDTH = 120
const GRAB_HEIGHT = 40

const isRect = (value: unknown): value is Rect =>
  typeof value === 'object' && value !== null && ['x', 'y', 'width', 'height'].every((key) => Number.isFinite((value as Record<string, unknown>)[key]))

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

/**
 * The saved window state if it can be shown as it was, else null (open at the
 * default size, centred). A window whose title bar is on no current display
 * (a monitor since unplugged) is not restored; one larger than its display
 * shrinks to fit.
 */
export function restorableState(saved: unknown, workAreas: readonly Rect[]): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null
  const { bounds, maximized } = saved as Partial<WindowState>
  if (!isRect(bounds) || bounds.width < MIN_SIZE.width || bounds.height < MIN_SIZE.height) return null
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: GRAB_HEIGHT }
  const display = workAreas.find((area) => {
    const visible = overlap(titleBar, area)
    return visible.width >= Math.min(GRAB_WIDTH, bounds.width) && visible.height >= GRAB_HEIGHT
  })
  if (!display) return null
  const width = Math.min(Math.round(bounds.width), display.width)
  const height = Math.min(Math.round(bounds.height), display.height)
  return { bounds: { x: Math.round(bounds.x), y: Math.round(bounds.y), width, height }, maximized: maximized === true }
}

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** Written whole then renamed, so a crash mid-write leaves the old state. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(state))
  renameSync(temp, file)
}
