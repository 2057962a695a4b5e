'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../../components/ui/field';
import { FormError } from '../../components/ui/states';
import { useAuth } from '../../lib/auth-context';

interface AuthConfig {
  devSignIn: boolean;
  demoTenants: string[];
}

const ROLES = [
  { value: 'editor', label: 'Editor: write and run test cases' },
  { value: 'viewer', label: 'Viewer: read only' },
  { value: 'admin', label: 'Tenant admin' },
  { value: 'platform-admin', label: 'Platform admin: tenants and limits' },
];

/**
 * In development the gateway signs a token for any demo tenant, user and role; in production
 * (or with an identity provider configured) users paste the bearer token their IdP issued.
 */
export function SignInForm() {
  const { session, signIn } = useAuth();
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [mode, setMode] = useState<'demo' | 'token'>('demo');
  const [tenant, setTenant] = useState('acme');
  const [user, setUser] = useState('erin@acme.test');
  const [role, setRole] = useState('editor');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/auth/config')
      .then((response) => (response.ok ? (response.json() as Promise<AuthConfig>) : Promise.reject(new Error(String(response.status)))))
      .then((value) => {
        setConfig(value);
        if (!value.devSignIn) setMode('token');
      })
      .catch(() => {
        setConfig({ devSignIn: false, demoTenants: [] });
        setMode('token');
      });
  }, []);

  useEffect(() => {
    if (session) router.replace(next);
  }, [session, next, router]);

  async function submitDemo(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const response = await fetch('/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: tenant.trim(), user: user.trim(), role }),
      });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token) throw new Error(body.error ?? `sign-in failed (${response.status})`);
      signIn(body.token);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  function submitToken(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!signIn(token)) setError('Bearer token: this is not a JWT with tenant and sub claims.');
  }

  if (!config) return <p role="status">Checking how to sign in…</p>;

  return (
    <>
      {config.devSignIn && (
        <div className="segmented" role="tablist" aria-label="How to sign in">
          <button type="button" role="tab" aria-selected={mode === 'demo'} onClick={() => setMode('demo')}>
            Demo account
          </button>
          <button type="button" role="tab" aria-selected={mode === 'token'} onClick={() => setMode('token')}>
            Bearer token
          </button>
        </div>
      )}
      {mode === 'demo' ? (
        <form onSubmit={submitDemo} className="form" aria-label="Sign in with a demo account">
          <p className="field-hint">Development sign-in: the platform signs a token for the tenant, user and role you pick.</p>
          <Field label="Tenant" required>
            {(props) => (
              <>
                <input {...props} value={tenant} onChange={(e) => setTenant(e.target.value)} list="demo-tenants" autoComplete="off" />
                <datalist id="demo-tenants">
                  {config.demoTenants.map((t) => (
                    <option key={t} value={t} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="User" required>
            {(props) => <input {...props} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />}
          </Field>
          <Field label="Role" required>
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value)}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormError message={error} />
          <button type="submit" className="button button-primary" disabled={busy}>
            Sign in
          </button>
        </form>
      ) : (
        <form onSubmit={submitToken} className="form" aria-label="Sign in with a bearer token">
          <Field label="Bearer token" hint="The JWT your company's identity provider issued for this platform." required>
            {(props) => <textarea {...props} rows={5} value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} />}
          </Field>
          <FormError message={error} />
          <button type="submit" className="button button-primary">
            Sign in
          </button>
        </form>
      )}
    </>
  );
}

/** Only same-site paths: a sign-in link must not send users to another site. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/test-cases';
}
