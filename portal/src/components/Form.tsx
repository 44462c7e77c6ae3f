import type { ComponentChildren } from 'preact';
import type { FormErrors } from '../lib/messages';
import { FormAlert } from './FormAlert';

interface Props<F extends string> {
  /** From useForm: the errors to summarise, the labels to name fields by, the busy flag. */
  form: { errors: FormErrors<F>; labels: Record<F, string>; busy: boolean };
  /** Runs on submit; the browser's own submission is already stopped. */
  onSubmit: () => void;
  submitLabel: string;
  /** Links beside the submit button (after it, or before it with `actionsFirst`). */
  actions?: ComponentChildren;
  actionsFirst?: boolean;
  children: ComponentChildren;
}

/**
 * The portal's one form: a card titled by the page heading, the error summary first, the fields
 * (children, usually <Field {...form.field(name)} />), then the submit button, disabled while busy.
 */
export function Form<F extends string>({
  form,
  onSubmit,
  submitLabel,
  actions,
  actionsFirst = false,
  children,
}: Props<F>) {
  return (
    <form
      class="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      aria-labelledby="page-title"
    >
      <FormAlert errors={form.errors} labels={form.labels} />
      {children}
      <div class="actions">
        {actionsFirst && actions}
        {/* Never `disabled` while busy: that would drop the keyboard focus to <body>. */}
        <button type="submit" class="button" aria-disabled={form.busy ? 'true' : undefined}>
          {submitLabel}
        </button>
        {!actionsFirst && actions}
      </div>
    </form>
  );
}
