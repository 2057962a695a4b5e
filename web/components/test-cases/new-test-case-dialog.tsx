'use client';

import { Dialog } from '../ui/dialog';

/** New Test Case: the two ways to make one. */
export function NewTestCaseDialog({ open, onClose, onManual, onGenerate }: { open: boolean; onClose(): void; onManual(): void; onGenerate(): void }) {
  return (
    <Dialog open={open} title="New Test Case" onClose={onClose}>
      <p className="muted">How do you want to create your test case?</p>
      <div className="choice-grid">
        <button type="button" className="choice" onClick={onManual}>
          <strong>Create Manually</strong>
          <span className="muted">Fill in the test case form yourself.</span>
        </button>
        <button type="button" className="choice" onClick={onGenerate}>
          <strong>Generate with AI</strong>
          <span className="muted">Let AI write test cases from your knowledge base, data, intents or past tickets.</span>
        </button>
      </div>
    </Dialog>
  );
}
