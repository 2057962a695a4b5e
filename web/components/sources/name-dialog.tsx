'use client';

import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';

/**
 * A dialog asking for one name (a new collection). `onSubmit` resolves to the API's error,
 * if any, shown under the field it names. Give it a new `key` each time it opens.
 */
export function NameDialog({
  open,
  title,
  label,
  hint,
  submitLabel,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  submitLabel: string;
  onClose(): void;
  onSubmit(name: string): Promise<CombinedError | undefined>;
}) {
  const formId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ fields: { name: `Enter a ${label.toLowerCase()}.` }, other: null });
      return;
    }
    setBusy(true);
    const error = await onSubmit(name.trim());
    setBusy(false);
    setErrors(formErrorsOf(error, ['name']));
  };

  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label={label} hint={hint} required error={errors.fields.name}>
          {(props) => <input {...props} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
