/**
 * Removes personal data from imported conversations before they are stored: generation
 * prompts are built from them, and neither the model nor the test cases should see a real
 * customer's email, phone or card. Errs on the side of keeping order numbers and dates,
 * which the generated scenarios need.
 */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(CARD_CANDIDATE, redactCard).replace(PHONE_CANDIDATE, redactPhone);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** 13 to 19 digits, optionally grouped with spaces or dashes, not glued to other letters or digits. */
const CARD_CANDIDATE = /(?<![\p{L}\p{N}_-])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}_])/gu;

function redactCard(candidate: string): string {
  const digits = candidate.replace(/\D/g, '');
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? '[card]' : candidate;
}

/** The Luhn checksum every payment card number carries; random digit runs pass it one time in ten. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * An optional `+country` prefix, an optional `(area)` part, then digit groups separated by
 * single spaces, dots or dashes. Not preceded by a letter or dash, so "DG-882341" stays.
 */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}_+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d+(?:[ .-]\d+){0,5}(?![\p{L}\p{N}_]|[.-]\d)/gu;

const DATE_LIKE = [/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/, /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/];

function redactPhone(candidate: string): string {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return candidate;
  if (DATE_LIKE.some((pattern) => pattern.test(candidate))) return candidate;
  // A bare run of digits is as likely an order or account number as a phone; only one
  // written like a phone number (international prefix, area code, separators or a leading
  // trunk 0) is taken for one.
  const writtenLikePhone = candidate.startsWith('+') || candidate.startsWith('(') || /[ .-]/.test(candidate) || candidate.startsWith('0');
  return writtenLikePhone ? '[phone]' : candidate;
}
