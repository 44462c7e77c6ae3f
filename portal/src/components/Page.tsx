import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { hasNavigated } from '../lib/router';

interface Props {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
}

/** One screen: sets the document title and, after a navigation, moves focus to the heading. */
export function Page({ title, children, wide }: Props) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus();
  }, []);
  return (
    <section class={wide ? 'page page--wide' : 'page'} aria-labelledby="page-title">
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
