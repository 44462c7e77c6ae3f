import { useCallback } from 'preact/hooks';
import { recipientName, type Recipient, type ShareAnswer } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/context';
import { navigate } from '../../lib/router';

export interface Sent extends ShareAnswer {
  repeat: boolean;
  recipient: Recipient;
  qualification: string;
}

/** The confirmation pop-up after a send (a first send and a repeat alike). */
export function SendConfirmation({ sent, onClose }: { sent: Sent | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const close = useCallback(() => onClose(), [onClose]);
  return (
    <Dialog open={sent !== null} title={t('send.confirm.title')} onClose={close}>
      {sent && (
        <>
          <p>
            {t('send.confirm.body', {
              qualification: sent.qualification,
              recipient: recipientName(sent.recipient),
              date: i18n.dateTime(sent.sharedAt),
            })}
          </p>
          {sent.repeat && <p>{t('send.confirm.repeat')}</p>}
          <div class="actions">
            <button type="button" class="button" data-autofocus onClick={() => navigate('/shared')}>
              {t('send.confirm.shared')}
            </button>
            <button type="button" class="button button--secondary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
