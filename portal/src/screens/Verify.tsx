import { useEffect, useState } from 'preact/hooks';
import type { ResponseOf } from '../../../libs/contracts/src/http/routes.js';
import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { ResultDetails } from '../components/ResultDetails';
import { useI18n } from '../i18n/context';
import { noErrors, required } from '../lib/messages';
import { useForm } from '../lib/useForm';

type F = 'code' | 'dateOfBirth';
type Answer = ResponseOf<'verifyStatement'>;

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/verify?code=…` (the statement's link and QR code): anyone holding a Statement of Results
 * checks it with the candidate's date of birth; genuine (with the result), not found, or withdrawn.
 */
export function Verify({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = { code: t('verify.code'), dateOfBirth: t('verify.dateOfBirth') };
  const form = useForm<F>({ code: query.get('code')?.trim() ?? '', dateOfBirth: '' }, labels);
  const [answer, setAnswer] = useState<Answer | null>(null);

  // The answer replaces nothing on the page: the keyboard focus moves to its heading.
  useEffect(() => {
    if (answer) document.getElementById('verify-answer')?.focus();
  }, [answer]);

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!v.code.trim()) errors.fields.code = required(i18n, labels.code, 'errors.requiredChoice');
    if (!v.dateOfBirth) errors.fields.dateOfBirth = required(i18n, labels.dateOfBirth, 'errors.requiredChoice');
    else if (!DATE.test(v.dateOfBirth)) errors.fields.dateOfBirth = [{ text: t('errors.date') }];
    return errors;
  };

  const onSubmit = () => {
    setAnswer(null);
    void form.submit(check, async (v) => {
      setAnswer(await api.verifyStatement({ code: v.code.trim(), dateOfBirth: v.dateOfBirth }));
    });
  };

  return (
    <Page title={t('verify.title')}>
      <p>{t('verify.intro')}</p>
      <Form form={form} onSubmit={onSubmit} submitLabel={form.busy ? t('verify.checking') : t('verify.submit')}>
        <p class="hint">{t('common.requiredNote')}</p>
        <Field
          {...form.field('code')}
          hint={t('verify.code.hint')}
          required
          autoComplete="off"
          spellcheck={false}
        />
        <Field {...form.field('dateOfBirth')} type="date" hint={t('verify.dateOfBirth.hint')} required autoComplete="off" />
      </Form>
      <div class="reserve reserve--answer" aria-live="polite">
        {answer && <VerifyAnswer answer={answer} />}
      </div>
    </Page>
  );
}

function VerifyAnswer({ answer }: { answer: Answer }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (answer.status === 'genuine' && answer.result) {
    const { result } = answer;
    return (
      <section class="card verify-answer verify-answer--genuine" aria-labelledby="verify-answer">
        <h2 id="verify-answer" tabIndex={-1}>
          <span aria-hidden="true">✓ </span>
          {t('verify.genuine.title')}
        </h2>
        <p>{t('verify.genuine.body')}</p>
        <h3>{t('verify.candidate')}</h3>
        <dl class="result__summary">
          <div>
            <dt>{t('share.name')}</dt>
            <dd>{result.candidate.name}</dd>
          </div>
          <div>
            <dt>{t('share.dateOfBirth')}</dt>
            <dd>{i18n.date(result.candidate.dateOfBirth)}</dd>
          </div>
          <div>
            <dt>{t('share.idNumber')}</dt>
            <dd>{result.candidate.idNumber}</dd>
          </div>
        </dl>
        <ResultDetails result={result} idPrefix="verify" />
        <p>
          {t('share.verificationCode')}: <code class="code">{result.verificationCode}</code>
        </p>
      </section>
    );
  }
  const withdrawn = answer.status === 'withdrawn';
  return (
    <Notice kind={withdrawn ? 'warning' : 'error'}>
      <h2 id="verify-answer" class="alert__title" tabIndex={-1}>
        {t(withdrawn ? 'verify.withdrawn.title' : 'verify.notFound.title')}
      </h2>
      <p>{t(withdrawn ? 'verify.withdrawn.body' : 'verify.notFound.body')}</p>
      <p>
        {t('verify.code')}: <code class="code">{answer.code}</code>
      </p>
    </Notice>
  );
}
