import { useI18n } from '../i18n/context';
import { catalogues, type MessageKey } from '../i18n/catalogues';

/**
 * A share's status as text (never colour alone): "Unread", "Read on <time>", "Waiting for <organisation>
 * to join", and the later statuses of a share's life.
 */
export function StatusBadge({ status, readAt, organisation }: { status: string; readAt?: string | null; organisation?: string }) {
  const i18n = useI18n();
  const key = `status.${status}`;
  const text =
    status === 'read' && readAt
      ? i18n.t('status.readAt', { date: i18n.dateTime(readAt) })
      : status === 'pending' && organisation
        ? i18n.t('status.pendingFor', { organisation })
        : key in catalogues.en
          ? i18n.t(key as MessageKey)
          : status;
  return <span class={`badge badge--${status}`}>{text}</span>;
}
