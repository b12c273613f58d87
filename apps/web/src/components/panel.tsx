import type { ReactNode } from "react";

interface PanelProps {
  id: string;
  title: string;
  /** One sentence on what the panel does, under its heading. */
  hint?: ReactNode;
  /** Beside the heading, such as a count or a link. */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled region; its heading names it for screen readers' landmark lists. */
export function Panel({ id, title, hint, aside, className, children }: PanelProps) {
  return (
    <section id={id} className={`panel ${className ?? ""}`} aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {hint ? <p className="panel-hint">{hint}</p> : null}
      {children}
    </section>
  );
}
