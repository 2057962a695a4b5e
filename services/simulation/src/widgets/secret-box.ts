import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The secrets a chat widget may hold; never returned by the API nor logged. */
export interface WidgetSecrets {
  apiKey?: string;
  signingSecret?: string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for widget secrets at rest. The ciphertext is bound (as associated data) to
 * the tenant and widget it belongs to, so a row's secrets copied onto another widget, or
 * another tenant's, fail to decrypt instead of leaking. Layout: version | iv | tag | data.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new Error(`CONNECTOR_SECRET_KEY must be base64 of 32 bytes, got ${key.length} bytes`);
    this.key = key;
  }

  seal(secrets: WidgetSecrets, binding: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]);
  }

  /** Throws when the data was altered, belongs to another binding, or was sealed with another key. */
  open(sealed: Buffer | Uint8Array, binding: string): WidgetSecrets {
    const bytes = Buffer.from(sealed);
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw new Error('widget secrets are not in a known format');
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as WidgetSecrets;
    } catch {
      // Never echo the data: only say that it could not be opened.
      throw new Error('widget secrets could not be decrypted (altered, or CONNECTOR_SECRET_KEY changed)');
    }
  }
}

/** What the secrets of one widget are bound to. */
export const secretBinding = (tenantId: string, widgetId: string): string => `chat_widget:${tenantId}:${widgetId}`;
