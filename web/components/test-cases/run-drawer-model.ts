/** The Run Test drawer's values, its checks, and the `StartTestRunInput` they become. */
export const RUN_NAME_MAX = 200;

export interface SelectedCase {
  id: string;
  name: string;
}

export interface RunDrawerValues {
  name: string;
  widgetId: string;
  languageOverride: string;
  chatUrl: string;
  metadata: string;
  cases: SelectedCase[];
}

/** Keys match the StartTestRunInput fields, so the gateway's field errors land in the same places. */
export type RunDrawerErrors = Partial<Record<'name' | 'widgetId' | 'languageOverride' | 'chatUrl' | 'metadata' | 'testCaseIds', string>>;

export function parseMetadata(text: string): { ok: true; value: Record<string, unknown> | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Metadata is not valid JSON (${(error as Error).message}). Write an object such as {"plan": "gold"}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Metadata must be a JSON object of fields, such as {"plan": "gold"}, not a list or a single value.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function validateRunDrawer(values: RunDrawerValues, maxCasesPerRun: number | null): RunDrawerErrors {
  const errors: RunDrawerErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Run name is required.';
  else if ([...name].length > RUN_NAME_MAX) errors.name = `Run name must be at most ${RUN_NAME_MAX} characters.`;
  if (!values.widgetId) errors.widgetId = 'Choose the Chat Widget to run against.';
  if (values.chatUrl.trim() && !isHttpUrl(values.chatUrl.trim())) errors.chatUrl = 'Chat URL must be a full http:// or https:// address, such as https://shop.example.com/orders.';
  const metadata = parseMetadata(values.metadata);
  if (!metadata.ok) errors.metadata = metadata.message;
  if (values.cases.length === 0) errors.testCaseIds = 'Add at least one test case to run.';
  else if (maxCasesPerRun !== null && values.cases.length > maxCasesPerRun) {
    const over = values.cases.length - maxCasesPerRun;
    errors.testCaseIds = `A run can hold at most ${maxCasesPerRun} test ${maxCasesPerRun === 1 ? 'case' : 'cases'}: remove ${over} ${over === 1 ? 'case' : 'cases'}.`;
  }
  return errors;
}

export function toStartRunInput(values: RunDrawerValues) {
  const metadata = parseMetadata(values.metadata);
  return {
    name: values.name.trim(),
    widgetId: values.widgetId,
    testCaseIds: values.cases.map((testCase) => testCase.id),
    languageOverride: values.languageOverride || null,
    chatUrl: values.chatUrl.trim() || null,
    metadata: metadata.ok ? metadata.value : null,
  };
}
