import type { ResultDetails } from '../api/types';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/catalogues';

export type ResultFields = ResultDetails;

const SKILL_KEYS: Record<string, MessageKey> = {
  reading: 'skill.reading',
  writing: 'skill.writing',
  listening: 'skill.listening',
  speaking: 'skill.speaking',
  useofenglish: 'skill.useOfEnglish',
};

/** A skill's name in the portal's language ("Reading" → "リーディング"); one the catalogue does not know, as given. */
export function skillLabel(t: (key: MessageKey) => string, skill: string): string {
  const key = SKILL_KEYS[skill.toLowerCase().replace(/[^a-z]/g, '')];
  return key ? t(key) : skill;
}

/** Every field of a result, as on the guide's "My result" screenshot, plus the scores by skill. */
export function ResultDetails({ result, idPrefix }: { result: ResultFields; idPrefix: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const skillName = (skill: string) => skillLabel(t, skill);
  return (
    <div class="result">
      <dl class="result__summary">
        <div>
          <dt>{t('results.qualification')}</dt>
          <dd>{result.qualification}</dd>
        </div>
        <div>
          <dt>{t('results.cefr')}</dt>
          <dd>{i18n.cefr(result.cefrLevel)}</dd>
        </div>
        <div>
          <dt>{t('results.overall')}</dt>
          <dd class="result__score">{i18n.number(result.overallScore)}</dd>
        </div>
        <div>
          <dt>{t('results.grade')}</dt>
          <dd>{result.grade}</dd>
        </div>
        <div>
          <dt>{t('results.examDate')}</dt>
          <dd>{i18n.date(result.examDate)}</dd>
        </div>
      </dl>
      {result.components.length > 0 && (
        <table class="table result__skills" aria-labelledby={`${idPrefix}-skills`}>
          <caption id={`${idPrefix}-skills`}>{t('results.skills')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.skill')}</th>
              <th scope="col" class="num">
                {t('results.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.components.map((c) => (
              <tr key={c.skill}>
                <th scope="row">{skillName(c.skill)}</th>
                <td class="num">{i18n.number(c.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
