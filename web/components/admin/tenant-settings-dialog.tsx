'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { TenantSettingsInput } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { useTenantSettings } from '../../lib/tenant-settings';
import { Dialog } from '../ui/dialog';
import { FormError } from '../ui/states';
import type { TenantRow } from './admin-page';
import { TENANT_LIMITS } from './tenant-limits';
import { draftErrors, SETTINGS_FIELDS, TenantSettingsFields, type SettingsDraft } from './tenant-settings-fields';

const AdminTenantSettingsUpdateDocument = graphql(`
  mutation AdminTenantSettingsUpdate($tenantId: ID!, $input: TenantSettingsInput!) {
    updateTenantSettings(tenantId: $tenantId, input: $input) {
      tenantId
      simulationsEnabled
      maxActiveRuns
      maxCasesPerRun
      defaultMaxTurns
      updatedAt
    }
  }
`);

function draftOf(tenant: TenantRow | null): SettingsDraft {
  const s = tenant?.settings;
  return {
    simulationsEnabled: s?.simulationsEnabled ?? true,
    limits: { maxActiveRuns: String(s?.maxActiveRuns ?? ''), maxCasesPerRun: String(s?.maxCasesPerRun ?? ''), defaultMaxTurns: String(s?.defaultMaxTurns ?? '') },
  };
}

/**
 * Edits one tenant's limits and feature switch. Only what changed is sent ("only the fields
 * given change"), so two admins changing different settings do not undo each other.
 * Open while `tenant` is set; give it a new `key` each time it opens.
 */
export function TenantSettingsDialog({ tenant, onClose, onSaved }: { tenant: TenantRow | null; onClose(): void; onSaved(tenant: TenantRow): void }) {
  const formId = useId();
  const { session } = useAuth();
  const { refresh } = useTenantSettings();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(tenant));
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);
  const [state, update] = useMutation(AdminTenantSettingsUpdateDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!tenant) return;
    const local = draftErrors(draft);
    if (Object.keys(local).length) return setErrors({ fields: local, other: null });
    const input: TenantSettingsInput = {};
    if (draft.simulationsEnabled !== tenant.settings.simulationsEnabled) input.simulationsEnabled = draft.simulationsEnabled;
    for (const limit of TENANT_LIMITS) {
      const value = Number(draft.limits[limit.key]);
      if (value !== tenant.settings[limit.key]) input[limit.key] = value;
    }
    if (Object.keys(input).length === 0) return onClose();
    const result = await update({ tenantId: tenant.id, input });
    if (result.error) return setErrors(formErrorsOf(result.error, SETTINGS_FIELDS));
    if (tenant.id === session?.tenantId) refresh();
    onSaved(tenant);
  };

  return (
    <Dialog
      open={!!tenant}
      title={tenant ? `Settings of ${tenant.name}` : 'Tenant settings'}
      variant="drawer"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={state.fetching}>
            {state.fetching ? 'Saving…' : 'Save settings'}
          </button>
        </>
      }
    >
      {tenant && (
        <p className="muted">
          Tenant <code>{tenant.id}</code>. Changes apply to new runs at once; runs already going keep their limits.
        </p>
      )}
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <TenantSettingsFields draft={draft} errors={errors.fields} onChange={setDraft} />
      </form>
    </Dialog>
  );
}
