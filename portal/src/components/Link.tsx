import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../lib/router';

interface Props {
  to: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
  id?: string;
}

export function Link({ to, children, class: className, current, id }: Props) {
  return (
    <a
      href={to}
      id={id}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => onLinkClick(event, to)}
    >
      {children}
    </a>
  );
}
