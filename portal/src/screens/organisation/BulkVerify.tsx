import { useEffect, useState } from 'preact/hooks';
import { BULK_VERIFICATION_MAX_ITEMS } from '../../../../libs/contracts/src/http/statement.js';
import type { ResponseOf } from '../../../../libs/contracts/src/http/routes.js';
import { api } from '../../api/endpoints';
import { FormAlert } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { parseBulk, type BulkItem } from '../../lib/bulk';
import { describeError, noErrors, type FormErrors } from '../../lib/messages';

type F = 'list';
type Answer = ResponseOf<'verifyStatements'>['items'][number];

/** An organisation checks many statements at once: a pasted list or a CSV file of code, date of birth. */
export function BulkVerify() {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<{ items: BulkItem[]; answers: Answer[] } | null>(null);

  useEffect(() => {
    if (answers) document.getElementById('bulk-results')?.focus();
  }, [answers]);

  const fail = (found: FormErrors<F>) => {
    setErrors(found);
    requestAnimationFrame(() => document.getElementById(found.fields.list ? 'field-list' : 'form-alert')?.focus());
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const content = await file.text();
    setText(content);
    setLoaded(t('bulk.file.loaded', { count: content.split(/\r?\n/).filter((l) => l.trim()).length, name: file.name }));
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const { items, badLines } = parseBulk(text);
    if (items.length === 0 && badLines.length === 0) return fail({ fields: { list: [{ text: t('bulk.none') }] }, form: [] });
    if (badLines.length > 0) {
      const lines = badLines.slice(0, 10).join(', ') + (badLines.length > 10 ? ', …' : '');
      return fail({ fields: { list: [{ text: t('bulk.badLines', { lines }) }] }, form: [] });
    }
    if (items.length > BULK_VERIFICATION_MAX_ITEMS) return fail({ fields: { list: [{ text: t('bulk.tooMany', { count: items.length }) }] }, form: [] });
    setErrors(noErrors());
    setAnswers(null);
    setBusy(true);
    try {
      const answer = await api.verifyStatements({ items: items.map(({ code, dateOfBirth }) => ({ code, dateOfBirth })) });
      setAnswers({ items, answers: answer.items });
    } catch (error) {
      fail(describeError(error, i18n, ['list']));
    } finally {
      setBusy(false);
    }
  };

  const count = (status: Answer['status']) => answers?.answers.filter((a) => a.status === status).length ?? 0;
  const fieldErrors = errors.fields.list;

  return (
    <Page title={t('bulk.title')} wide>
      <p>{t('bulk.intro')}</p>
      <form class="card form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="page-title">
        <FormAlert errors={errors} labels={{ list: t('bulk.paste') }} />
        <div class={fieldErrors ? 'field field--error' : 'field'}>
          <label for="field-list">{t('bulk.paste')}</label>
          <p id="field-list-hint" class="hint">
            {t('bulk.paste.hint')}
          </p>
          {fieldErrors && (
            <p id="field-list-error" class="field-error">
              {fieldErrors.map((m, i) => (
                <span key={i} class="field-error__line">
                  {m.text}
                </span>
              ))}
            </p>
          )}
          <textarea
            id="field-list"
            rows={8}
            value={text}
            spellcheck={false}
            aria-describedby={fieldErrors ? 'field-list-hint field-list-error' : 'field-list-hint'}
            aria-invalid={fieldErrors ? 'true' : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="field-file">{t('bulk.file')}</label>
          <input
            id="field-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="field-file-status"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
          <p id="field-file-status" class="hint" role="status">
            {loaded ?? ''}
          </p>
        </div>
        <div class="actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('bulk.checking') : t('bulk.submit')}
          </button>
        </div>
      </form>
      <div class="reserve">
        {answers && (
          <section aria-labelledby="bulk-results">
            <h2 id="bulk-results" tabIndex={-1}>
              {t('bulk.results')}
            </h2>
            <p role="status">
              {t('bulk.summary', {
                genuine: count('genuine'),
                notFound: count('not-found'),
                withdrawn: count('withdrawn'),
                total: answers.answers.length,
              })}
            </p>
            <table class="table cards bulk">
              <caption class="visually-hidden">{t('bulk.results')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bulk.col.line')}</th>
                  <th scope="col">{t('bulk.col.code')}</th>
                  <th scope="col">{t('bulk.col.status')}</th>
                  <th scope="col">{t('bulk.col.candidate')}</th>
                  <th scope="col">{t('bulk.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {answers.answers.map((a, i) => (
                  <tr key={i} class={`row--${a.status}`}>
                    <td data-label={t('bulk.col.line')} class="num">
                      {answers.items[i]?.line}
                    </td>
                    <th scope="row" data-label={t('bulk.col.code')}>
                      <code class="code breakable">{a.code}</code>
                    </th>
                    <td data-label={t('bulk.col.status')}>
                      <StatusBadge status={a.status} />
                    </td>
                    <td data-label={t('bulk.col.candidate')} class={a.result ? undefined : 'cards__empty'}>
                      {a.result && (
                        <>
                          {a.result.candidate.name}
                          <span class="candidate-ids">
                            <span>
                              {t('inbox.idNumber')}: <span class="nowrap">{a.result.candidate.idNumber}</span>
                            </span>
                            <span>
                              {t('inbox.dateOfBirth')}: <span class="nowrap">{i18n.date(a.result.candidate.dateOfBirth)}</span>
                            </span>
                          </span>
                        </>
                      )}
                    </td>
                    <td data-label={t('bulk.col.result')} class={a.result ? undefined : 'cards__empty'}>
                      {a.result &&
                        `${a.result.qualification} · ${i18n.cefr(a.result.cefrLevel)} · ${i18n.number(a.result.overallScore)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </Page>
  );
}
