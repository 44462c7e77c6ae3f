import type { ShareStatus } from '../api/types';
import { useI18n } from '../i18n/context';

/** Read/unread as text (never colour alone): "Unread", or "Read on <time>" when the time is known. */
export function StatusBadge({ status, readAt }: { status: ShareStatus; readAt?: string | null }) {
  const i18n = useI18n();
  const text =
    status === 'unread'
      ? i18n.t('status.unread')
      : readAt
        ? i18n.t('status.readAt', { date: i18n.dateTime(readAt) })
        : i18n.t('status.read');
  return <span class={`badge badge--${status}`}>{text}</span>;
}
