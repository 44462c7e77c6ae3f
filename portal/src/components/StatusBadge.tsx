import type { ShareStatus } from '../api/types';
import { useI18n } from '../i18n/context';

/** Read/unread as text (never colour alone), with the read time when known. */
export function StatusBadge({ status, readAt }: { status: ShareStatus; readAt?: string | null }) {
  const i18n = useI18n();
  return (
    <span class={`badge badge--${status}`}>
      {status === 'read' ? i18n.t('status.read') : i18n.t('status.unread')}
      {status === 'read' && readAt && (
        <span class="badge__detail"> · {i18n.t('status.readAt', { date: i18n.dateTime(readAt) })}</span>
      )}
    </span>
  );
}
