import { useI18n } from '../i18n/context';
import type { Message } from '../lib/messages';

interface Props {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'date';
  hint?: string;
  errors?: Message[] | undefined;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'url';
  spellcheck?: boolean;
}

/** A labelled input with its hint and, just above the input, the errors that concern it. */
export function Field(props: Props) {
  const { t } = useI18n();
  const id = `field-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : '';
  const errorId = props.errors?.length ? `${id}-error` : '';
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.errors?.length ? 'field field--error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && (
          <>
            <span aria-hidden="true"> *</span>
            <span class="visually-hidden"> ({t('common.required')})</span>
          </>
        )}
      </label>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} class="field-error">
          {props.errors?.map((m, i) => (
            <span key={i} lang={m.lang} class="field-error__line">
              {m.text}
            </span>
          ))}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        // Preact's input typings discriminate on a literal `type`: tsc needs the assertion (the
        // linter's view of the JSX attribute does not), and the union here is safe.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- required by tsc, see above
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={errorId ? 'true' : undefined}
        aria-describedby={describedBy}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
      />
    </div>
  );
}
