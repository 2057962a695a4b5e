import { randomBytes } from 'node:crypto';
import { DEV_CONNECTOR_SECRET_KEY } from '../simulation.config';
import { SecretBox, secretBinding } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));
  const binding = secretBinding('acme', '6f1c1d2e-0000-4000-8000-000000000001');
  const secrets = { apiKey: 'sk-live-123', signingSecret: 'whsec_abc' };

  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal(secrets, binding);
    expect(sealed.toString('utf8')).not.toContain('sk-live-123');
    expect(box.open(sealed, binding)).toEqual(secrets);
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal(secrets, binding).equals(box.seal(secrets, binding))).toBe(false);
  });

  it('detects tampering', () => {
    const sealed = box.seal(secrets, binding);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => box.open(altered, binding)).toThrow(/could not be decrypted/);
  });

  it('refuses secrets moved to another widget or tenant', () => {
    const sealed = box.seal(secrets, binding);
    expect(() => box.open(sealed, secretBinding('globex', '6f1c1d2e-0000-4000-8000-000000000001'))).toThrow(/could not be decrypted/);
  });

  it('refuses another key, and keys that are not 32 bytes', () => {
    const sealed = box.seal(secrets, binding);
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed, binding)).toThrow(/could not be decrypted/);
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => new SecretBox(DEV_CONNECTOR_SECRET_KEY)).not.toThrow();
  });
});
