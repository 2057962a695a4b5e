import type { PaiItemKind } from '../entities';

export type PaiRecordResult = { ok: true; data: Record<string, string> } | { ok: false; field: string | null; message: string };

export const MAX_PAI_FIELDS = 100;
export const MAX_PAI_VALUE_LENGTH = 10_000;

/**
 * A Purchase AI record is a flat object of scalar fields. Numbers and booleans are kept as
 * the text they read as; null and empty fields are dropped; nested values are refused
 * rather than flattened, so nothing is silently lost.
 */
export function validatePaiRecord(value: unknown): PaiRecordResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, field: null, message: `expected an object of fields, found ${describe(value)}` };
  }
  const data: Record<string, string> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_PAI_FIELDS) return { ok: false, field: null, message: `at most ${MAX_PAI_FIELDS} fields per record` };
  for (const [key, field] of entries) {
    const name = key.trim();
    if (name === '') return { ok: false, field: null, message: 'a field has no name' };
    if (field === null || field === undefined) continue;
    if (typeof field === 'object') {
      return { ok: false, field: name, message: `${name} must be a single value (text, number or true/false), not ${describe(field)}` };
    }
    const text = String(field).trim();
    if (text.length > MAX_PAI_VALUE_LENGTH) return { ok: false, field: name, message: `${name} is longer than ${MAX_PAI_VALUE_LENGTH} characters` };
    if (text !== '') data[name] = text;
  }
  if (Object.keys(data).length === 0) return { ok: false, field: null, message: 'the record is empty' };
  return { ok: true, data };
}

const ORDER_HINTS = /^(order|orderid|ordernumber|orderno|orderdate|status|tracking|trackingnumber|shipped|shippedat|deliveredat|carrier|customer|customeremail|total|quantity|qty)$/;
const PRODUCT_HINTS = /^(product|productid|productname|sku|price|brand|category|description|stock|instock|title|name|model|colour|color|size|warranty)$/;

/** Order-ish field names (order id, status, tracking) beat product-ish ones (sku, price); neither is "other". */
export function guessPaiKind(data: Record<string, string>): PaiItemKind {
  const names = Object.keys(data).map((k) => k.toLowerCase().replace(/[^a-z]/g, ''));
  const orderScore = names.filter((n) => ORDER_HINTS.test(n) || n.startsWith('order')).length;
  const productScore = names.filter((n) => PRODUCT_HINTS.test(n) || n.startsWith('product')).length;
  if (orderScore === 0 && productScore === 0) return 'other';
  return orderScore >= productScore ? 'order' : 'product';
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
