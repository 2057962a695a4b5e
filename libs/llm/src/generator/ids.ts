import { createHash } from 'node:crypto';

/** Fixed namespace of generated test-case ids (a random UUID, chosen once). */
const NAMESPACE = Buffer.from('6f1c2b7e9a4d4f0b8e3a5c1d2b7f9e40', 'hex');

/**
 * The id a generated test case is stored under, derived from its `dedupe_key`
 * (`${jobId}:${index}`) the way UUID v5 is: SHA-1 of a namespace and the name, with the
 * version and variant bits set. Generation (to report the job's case ids) and test-cases
 * (to store each case once however often the message arrives) both compute it, so the
 * contract needs no id field. The tenant is part of the name, so two tenants never share one.
 */
export function generatedCaseId(tenantId: string, dedupeKey: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${tenantId}\n${dedupeKey}`, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `${jobId}:${index}`: stable per (job, case position). */
export function generatedDedupeKey(jobId: string, index: number): string {
  return `${jobId}:${index}`;
}

/**
 * A case's name and behaviour reduced to what makes two cases "the same scenario": case,
 * punctuation and spacing do not count. Both services compare cases with it.
 */
export function caseFingerprint(name: string, behaviour: string): string {
  const squash = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return `${squash(name)}\n${squash(behaviour)}`;
}
