// A block of the filter column, announced as a group named by its heading.
import { useId, type ReactNode } from 'react'

interface SidebarGroupProps {
  title: string
  /** Added to `filter-block`, for the block's own styles. */
  className: string
  children: ReactNode
}

export function SidebarGroup({ title, className, children }: SidebarGroupProps): ReactNode {
  const headingId = useId()
  return (
    <div className={`filter-block ${className}`} role="group" aria-labelledby={headingId}>
      <h2 className="filter-heading" id={headingId}>
        {title}
      </h2>
      {children}
    </div>
  )
}
