import type { ShareStatus, ShareTimelineEntry } from '../api/types';
import { useI18n } from '../i18n/context';
import { timelineSteps, type Perspective } from '../lib/shareLife';

interface Props {
  share: { shareId: string; status: ShareStatus; sharedAt: string; timeline?: ShareTimelineEntry[] };
  perspective: Perspective;
  /** Inside a disclosure ("Delivery timeline", closed until asked for), or shown as it is. */
  collapsible?: boolean;
}

/** A share's life, oldest first: each step with its time, in the portal's language. */
export function ShareTimeline({ share, perspective, collapsible = false }: Props) {
  const i18n = useI18n();
  const steps = timelineSteps(share, perspective, i18n);
  if (steps.length === 0) return null;
  const list = (
    <ol class="timeline" aria-label={i18n.t('timeline.caption')}>
      {steps.map((step, i) => (
        <li key={`${step.event}-${i}`} class={`timeline__step timeline__step--${step.event}`} data-event={step.event}>
          <span class="timeline__label">{step.label}</span> <time dateTime={step.at}>{step.when}</time>
        </li>
      ))}
    </ol>
  );
  if (!collapsible) return list;
  return (
    <details class="timeline-toggle" data-timeline={share.shareId}>
      <summary>{i18n.t('timeline.title')}</summary>
      {list}
    </details>
  );
}
