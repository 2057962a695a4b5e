'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useRef, type KeyboardEvent } from 'react';
import { useAuth } from '../../lib/auth-context';
import { PageHeader } from '../page-header';
import { IntentsTab } from './intents-tab';
import { KnowledgeTab } from './knowledge-tab';
import { PaiTab } from './pai-tab';
import { TicketsTab } from './tickets-tab';

const TABS = [
  { id: 'knowledge', label: 'Knowledge', Panel: KnowledgeTab },
  { id: 'pai', label: 'Purchase AI', Panel: PaiTab },
  { id: 'intents', label: 'Intents', Panel: IntentsTab },
  { id: 'tickets', label: 'Historical Tickets', Panel: TicketsTab },
] as const;

export type SourceTabId = (typeof TABS)[number]['id'];

/**
 * Sources: what test cases are generated from, one tab per source. The tab is in the URL
 * (`?tab=tickets`) so a link or a reload lands on it; the tabs follow the WAI-ARIA tabs
 * pattern (arrow keys, Home, End move between them).
 */
export function SourcesPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { can } = useAuth();
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS.find((tab) => tab.id === params.get('tab')) ?? TABS[0];

  const select = (index: number) => {
    const tab = TABS[(index + TABS.length) % TABS.length];
    router.replace(`${pathname}?tab=${tab.id}`, { scroll: false });
    tabRefs.current[(index + TABS.length) % TABS.length]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      select(moves[event.key]);
    }
  };

  const Panel = current.Panel;
  return (
    <>
      <PageHeader
        title="Sources"
        description={
          can('editor')
            ? 'What AI generates test cases from: your help centre, shop records, intents and past support conversations.'
            : 'What AI generates test cases from. You have read-only access: editors add and remove sources.'
        }
      />
      <div className="tabs source-tabs" role="tablist" aria-label="Source kinds">
        {TABS.map((tab, index) => {
          const selected = tab.id === current.id;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                tabRefs.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => select(index)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <section role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${current.id}`} className="source-panel">
        <Panel />
      </section>
    </>
  );
}
