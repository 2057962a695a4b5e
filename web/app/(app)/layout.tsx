import type { ReactNode } from 'react';
import { AppShell } from '../../components/app-shell';

/** Every signed-in screen: the sidebar, the top bar, and a redirect to sign-in when signed out. */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
