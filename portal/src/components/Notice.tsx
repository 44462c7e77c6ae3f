import type { ComponentChildren } from 'preact';

interface Props {
  kind: 'info' | 'success' | 'warning' | 'error';
  children: ComponentChildren;
  title?: string;
  id?: string;
  /** Announce when it appears (status for success/info, alert for problems). */
  live?: boolean;
}

export function Notice({ kind, children, title, id, live }: Props) {
  const role = live ? (kind === 'error' || kind === 'warning' ? 'alert' : 'status') : undefined;
  return (
    <div id={id} class={`alert alert--${kind}`} role={role} tabIndex={id ? -1 : undefined}>
      {title && <h2 class="alert__title">{title}</h2>}
      <div class="alert__body">{children}</div>
    </div>
  );
}
