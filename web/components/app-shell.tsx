'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useAuth } from '../lib/auth-context';
import { TenantSettingsProvider } from '../lib/tenant-settings';

interface NavItem {
  href: string;
  label: string;
  platformAdminOnly?: boolean;
}

/** The sidebar follows the product's map: AI → Testing → Test Cases / Test Runs, then set-up. */
const NAV: { heading: string; items: NavItem[] }[] = [
  {
    heading: 'AI · Testing',
    items: [
      { href: '/test-cases', label: 'Test Cases' },
      { href: '/runs', label: 'Test Runs' },
    ],
  },
  {
    heading: 'Set-up',
    items: [
      { href: '/widgets', label: 'Chat Widgets' },
      { href: '/sources', label: 'Sources' },
      { href: '/admin', label: 'Admin', platformAdminOnly: true },
    ],
  },
];

const ROLE_LABELS: Record<string, string> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin', 'platform-admin': 'Platform admin' };

export function AppShell({ children }: { children: ReactNode }) {
  const { session, signOut, can } = useAuth();
  const pathname = usePathname();
  const router = useRouter();
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    if (session === null) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [session, pathname, router]);
  useEffect(() => setNavOpen(false), [pathname]);

  if (!session) return null;

  return (
    <TenantSettingsProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="shell">
        <header className="topbar">
          <button
            type="button"
            className="icon-button nav-toggle"
            aria-expanded={navOpen}
            aria-controls="sidebar"
            aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
            onClick={() => setNavOpen((open) => !open)}
          >
            ☰
          </button>
          <Link href="/test-cases" className="brand">
            Conversation Simulations
          </Link>
          <div className="topbar-user">
            <span data-testid="signed-in-as">
              {session.userId} · <strong>{session.tenantId}</strong> · {session.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}
            </span>
            <button type="button" className="button button-small" onClick={signOut}>
              Sign out
            </button>
          </div>
        </header>
        <nav id="sidebar" className={`sidebar${navOpen ? ' sidebar-open' : ''}`} aria-label="Main">
          {NAV.map((group) => (
            <div key={group.heading} className="nav-group">
              <p className="nav-heading">{group.heading}</p>
              <ul>
                {group.items
                  .filter((item) => !item.platformAdminOnly || can('platform-admin'))
                  .map((item) => {
                    const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
                    return (
                      <li key={item.href}>
                        <Link href={item.href} aria-current={current ? 'page' : undefined}>
                          {item.label}
                        </Link>
                      </li>
                    );
                  })}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </TenantSettingsProvider>
  );
}
