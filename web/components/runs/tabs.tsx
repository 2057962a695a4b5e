'use client';

import { useId, type ReactNode } from 'react';

export interface TabDefinition {
  id: string;
  label: string;
  content: ReactNode;
}

/**
 * Tabs after the WAI-ARIA pattern: one tab stop for the list, arrow keys (and Home/End) move
 * between tabs and select them, the panel is labelled by its tab.
 */
export function Tabs({ label, tabs, selected, onSelect }: { label: string; tabs: TabDefinition[]; selected: string; onSelect(id: string): void }) {
  const baseId = useId();
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  const move = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    onSelect(tab.id);
    document.getElementById(`${baseId}-tab-${tab.id}`)?.focus();
  };

  return (
    <>
      <div
        className="tabs"
        role="tablist"
        aria-label={label}
        onKeyDown={(event) => {
          const index = tabs.indexOf(current);
          if (event.key === 'ArrowRight') move(index + 1);
          else if (event.key === 'ArrowLeft') move(index - 1);
          else if (event.key === 'Home') move(0);
          else if (event.key === 'End') move(tabs.length - 1);
          else return;
          event.preventDefault();
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`${baseId}-panel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel-${current.id}`} aria-labelledby={`${baseId}-tab-${current.id}`} tabIndex={0}>
        {current.content}
      </div>
    </>
  );
}
