import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/catalogues';
import { describeError, hasErrors, noErrors, type FormErrors } from './messages';

/**
 * Values, errors and the busy flag of one form, with each field's label; `field(name)` wires a
 * <Field> to them, `submit` runs the checks, then the request.
 */
export function useForm<F extends string>(initial: Record<F, string>, labels: Record<F, string>) {
  const i18n = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [busy, setBusy] = useState(false);

  const set = (field: F) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  /** A field's name, label, value, input handler and errors, for <Field {...form.field(name)} />. */
  const field = (name: F) => ({
    name,
    label: labels[name],
    value: values[name],
    onInput: set(name),
    errors: errors.fields[name],
  });

  const focusFirstError = (found: FormErrors<F>) => {
    requestAnimationFrame(() => {
      const name = (Object.keys(initial) as F[]).find((f) => found.fields[f]?.length);
      const target = name ? document.getElementById(`field-${name}`) : document.getElementById('form-alert');
      target?.focus();
    });
  };

  async function submit(
    check: (values: Record<F, string>) => FormErrors<F>,
    action: (values: Record<F, string>) => Promise<void>,
    overrides: Partial<Record<number, MessageKey>> = {},
  ): Promise<void> {
    if (busy) return;
    const found = check(values);
    setErrors(found);
    if (hasErrors(found)) return focusFirstError(found);
    setBusy(true);
    try {
      await action(values);
    } catch (error) {
      const described = describeError(error, i18n, Object.keys(initial) as F[], overrides);
      setErrors(described);
      focusFirstError(described);
    } finally {
      setBusy(false);
    }
  }

  return { values, set, setValues, field, labels, errors, setErrors, busy, submit };
}
