'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';
import { DEFAULT_LIMITS, TENANT_LIMITS } from './tenant-limits';
import { draftErrors, SETTINGS_FIELDS, TenantSettingsFields, type SettingsDraft } from './tenant-settings-fields';

const AdminTenantCreateDocument = graphql(`
  mutation AdminTenantCreate($input: CreateTenantInput!) {
    createTenant(input: $input) {
      id
      name
    }
  }
`);

const FIELDS = ['id', 'name', ...SETTINGS_FIELDS] as const;

/** A new tenant with its limits (the API's defaults filled in). Give it a new `key` each time it opens. */
export function CreateTenantDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(tenant: { id: string; name: string }): void }) {
  const formId = useId();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [draft, setDraft] = useState<SettingsDraft>({
    simulationsEnabled: true,
    limits: { maxActiveRuns: String(DEFAULT_LIMITS.maxActiveRuns), maxCasesPerRun: String(DEFAULT_LIMITS.maxCasesPerRun), defaultMaxTurns: String(DEFAULT_LIMITS.defaultMaxTurns) },
  });
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);
  const [state, create] = useMutation(AdminTenantCreateDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = draftErrors(draft);
    if (!id.trim()) local.id = 'Enter the tenant id.';
    if (!name.trim()) local.name = 'Enter the tenant name.';
    if (Object.keys(local).length) return setErrors({ fields: local, other: null });
    const limits = Object.fromEntries(TENANT_LIMITS.map((limit) => [limit.key, Number(draft.limits[limit.key])]));
    const result = await create({ input: { id: id.trim(), name: name.trim(), simulationsEnabled: draft.simulationsEnabled, ...limits } });
    if (result.error) return setErrors(formErrorsOf(result.error, FIELDS));
    if (result.data) onCreated(result.data.createTenant);
  };

  return (
    <Dialog
      open={open}
      title="New tenant"
      variant="drawer"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={state.fetching}>
            {state.fetching ? 'Creating…' : 'Create tenant'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label="Tenant id" hint={'Lowercase letters, digits, "-" and "_". It is the tenant claim in its users\u2019 tokens and cannot change.'} required error={errors.fields.id}>
          {(props) => <input {...props} type="text" autoCapitalize="none" spellCheck={false} maxLength={63} value={id} onChange={(e) => setId(e.target.value)} />}
        </Field>
        <Field label="Name" hint="The organisation's name, as people know it." required error={errors.fields.name}>
          {(props) => <input {...props} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <TenantSettingsFields draft={draft} errors={errors.fields} onChange={setDraft} />
      </form>
    </Dialog>
  );
}
