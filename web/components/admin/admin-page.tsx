'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AdminTenantsQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage, formatDateTime } from '../../lib/format';
import { PageHeader } from '../page-header';
import { Badge } from '../ui/badge';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { CreateTenantDialog } from './create-tenant-dialog';
import { TENANT_LIMITS } from './tenant-limits';
import { TenantSettingsDialog } from './tenant-settings-dialog';

const AdminTenantsDocument = graphql(`
  query AdminTenants {
    tenants {
      id
      name
      createdAt
      settings {
        tenantId
        simulationsEnabled
        maxActiveRuns
        maxCasesPerRun
        defaultMaxTurns
        updatedAt
      }
    }
  }
`);

export type TenantRow = AdminTenantsQuery['tenants'][number];

/** Admin: platform admins only. Everyone else is told which role it takes, and no tenant data is asked for. */
export function AdminPage() {
  const { can } = useAuth();
  if (!can('platform-admin')) {
    return (
      <>
        <PageHeader title="Admin" />
        <div className="notice notice-warn" role="note">
          <h2>You need the platform admin role</h2>
          <p>Admin is where platform operators manage tenants, their limits and their features. Ask a platform admin if a limit needs changing.</p>
        </div>
      </>
    );
  }
  return <TenantsAdmin />;
}

function TenantsAdmin() {
  const notify = useToast();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminTenantsDocument });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TenantRow | null>(null);
  const [openings, setOpenings] = useState(0);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const tenants = data?.tenants ?? [];

  return (
    <>
      <PageHeader
        title="Admin"
        description="Tenants of the platform, their limits and whether Conversation Simulations is on for them."
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setOpenings((n) => n + 1);
              setCreating(true);
            }}
          >
            New tenant
          </button>
        }
      />
      <details className="su-limit-help">
        <summary>What the limits mean</summary>
        <dl className="details-list">
          <dt>Conversation Simulations</dt>
          <dd>Whether the tenant can use the Testing section at all.</dd>
          {TENANT_LIMITS.map((limit) => (
            <FragmentRow key={limit.key} term={limit.label} description={limit.hint} />
          ))}
        </dl>
      </details>
      {fetching && !data ? (
        <Loading label="Loading tenants…" />
      ) : error && !data ? (
        <ErrorState message={errorMessage(error)} onRetry={reload} />
      ) : tenants.length === 0 ? (
        <EmptyState title="No tenants yet">
          <p>Create the first tenant; its id goes into its users&apos; tokens.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Tenants</caption>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Conversation Simulations</th>
                <th scope="col" className="num">
                  Max active runs
                </th>
                <th scope="col" className="num">
                  Max cases per run
                </th>
                <th scope="col" className="num">
                  Default max turns
                </th>
                <th scope="col">Created</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((tenant) => (
                <tr key={tenant.id} data-testid={`tenant-row-${tenant.id}`}>
                  <td>
                    <strong>{tenant.name}</strong>
                    <br />
                    <code className="muted">{tenant.id}</code>
                  </td>
                  <td data-testid="tenant-simulations">
                    <Badge tone={tenant.settings.simulationsEnabled ? 'good' : 'warn'}>{tenant.settings.simulationsEnabled ? 'On' : 'Off'}</Badge>
                  </td>
                  <td className="num" data-testid="tenant-max-active-runs">
                    {tenant.settings.maxActiveRuns}
                  </td>
                  <td className="num">{tenant.settings.maxCasesPerRun}</td>
                  <td className="num">{tenant.settings.defaultMaxTurns}</td>
                  <td>{formatDateTime(tenant.createdAt)}</td>
                  <td className="col-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit settings of ${tenant.name}`}
                      onClick={() => {
                        setOpenings((n) => n + 1);
                        setEditing(tenant);
                      }}
                    >
                      Edit settings
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <CreateTenantDialog
        key={`create-${openings}`}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(tenant) => {
          setCreating(false);
          notify(`Tenant "${tenant.name}" created`);
          reload();
        }}
      />
      <TenantSettingsDialog
        key={`edit-${openings}`}
        tenant={editing}
        onClose={() => setEditing(null)}
        onSaved={(tenant) => {
          setEditing(null);
          notify(`Settings of "${tenant.name}" saved`);
          reload();
        }}
      />
    </>
  );
}

function FragmentRow({ term, description }: { term: string; description: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{description}</dd>
    </>
  );
}
