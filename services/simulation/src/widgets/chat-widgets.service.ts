import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@sim/auth';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import { rowsOf, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { AgentUnavailableError } from '../connectors/agent-connector';
import { createAgentConnector, URL_CONNECTORS, type ConnectorDependencies, type WidgetConnection } from '../connectors/connector-registry';
import { UrlGuard } from '../connectors/url-guard';
import { CONNECTOR_DEPENDENCIES } from '../simulation.tokens';
import { ChatWidgetEntity } from './chat-widget.entity';
import { SecretBox, secretBinding, type WidgetSecrets } from './secret-box';
import { validateChatWidgetInput, type ChatWidgetInput } from './validate-chat-widget';
import { publishWidgetSnapshot } from './widget-snapshot';

export interface ChatWidgetTestResult {
  ok: boolean;
  replies: string[];
  latencyMs: number;
  error: string | null;
}

export const TEST_MESSAGE_MAX_LENGTH = 4000;

@Injectable()
export class ChatWidgetsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly secretBox: SecretBox,
    private readonly guard: UrlGuard,
    @Inject(CONNECTOR_DEPENDENCIES) private readonly connectorDeps: ConnectorDependencies,
  ) {}

  list(principal: Principal): Promise<ChatWidgetEntity[]> {
    return this.db.withTenant(principal.tenantId, (m) =>
      m.find(ChatWidgetEntity, { where: { tenantId: principal.tenantId }, order: { createdAt: 'DESC', id: 'DESC' } }),
    );
  }

  get(principal: Principal, id: string): Promise<ChatWidgetEntity | null> {
    return this.db.withTenant(principal.tenantId, (m) => findWidget(m, principal.tenantId, id));
  }

  async getOrFail(principal: Principal, id: string): Promise<ChatWidgetEntity> {
    const found = await this.get(principal, id);
    if (!found) throw new NotFoundError('chat widget', id);
    return found;
  }

  async create(principal: Principal, input: ChatWidgetInput): Promise<ChatWidgetEntity> {
    const value = validateChatWidgetInput(input);
    await this.assertUrlAllowed(value.connector, value.settings.url);
    const now = new Date();
    const id = randomUUID();
    const secrets = withoutEmpty({ apiKey: value.apiKey ?? undefined, signingSecret: value.signingSecret ?? undefined });
    const entity: ChatWidgetEntity = {
      id,
      tenantId: principal.tenantId,
      name: value.name,
      connector: value.connector,
      settings: { ...value.settings, hasApiKey: !!secrets.apiKey, hasSigningSecret: !!secrets.signingSecret },
      secrets: this.seal(principal.tenantId, id, secrets),
      createdAt: now,
      updatedAt: now,
      version: 1,
      announcedVersion: 1,
    };
    await this.db.withTenant(principal.tenantId, async (m) => {
      await m.insert(ChatWidgetEntity, entity);
      await publishWidgetSnapshot(m, entity);
    });
    this.relay.kick();
    return entity;
  }

  async update(principal: Principal, id: string, input: ChatWidgetInput): Promise<ChatWidgetEntity> {
    const value = validateChatWidgetInput(input);
    await this.assertUrlAllowed(value.connector, value.settings.url);
    const result = await this.db.withTenant(principal.tenantId, async (m) => {
      const existing = await findWidget(m, principal.tenantId, id, true);
      if (!existing) throw new NotFoundError('chat widget', id);
      const stored = this.open(existing);
      const secrets = withoutEmpty({
        apiKey: value.apiKey === undefined ? stored.apiKey : (value.apiKey ?? undefined),
        signingSecret: value.signingSecret === undefined ? stored.signingSecret : (value.signingSecret ?? undefined),
      });
      const updated: ChatWidgetEntity = {
        ...existing,
        name: value.name,
        connector: value.connector,
        settings: { ...value.settings, hasApiKey: !!secrets.apiKey, hasSigningSecret: !!secrets.signingSecret },
        secrets: this.seal(principal.tenantId, id, secrets),
        updatedAt: new Date(),
        version: existing.version + 1,
        announcedVersion: existing.version + 1,
      };
      const { id: _id, tenantId: _tenant, ...changes } = updated;
      await m.update(ChatWidgetEntity, { id, tenantId: principal.tenantId }, changes);
      await publishWidgetSnapshot(m, updated);
      return updated;
    });
    this.relay.kick();
    return result;
  }

  /** Deletes the widget and announces it deleted, one version on, in the same transaction. */
  async delete(principal: Principal, id: string): Promise<boolean> {
    if (!isUuid(id)) throw new NotFoundError('chat widget', id);
    const deleted = await this.db.withTenant(principal.tenantId, async (m) => {
      const answer: unknown = await m.query('DELETE FROM chat_widget WHERE id = $1 AND tenant_id = $2 RETURNING name, version', [id, principal.tenantId]);
      const [row] = rowsOf<{ name: string; version: string | number }>(answer);
      if (!row) return false;
      const last = { id, tenantId: principal.tenantId, name: row.name, version: Number(row.version) + 1, updatedAt: new Date() };
      await publishWidgetSnapshot(m, last, true);
      return true;
    });
    if (!deleted) throw new NotFoundError('chat widget', id);
    this.relay.kick();
    return true;
  }

  /** Sends one message to the agent, as the first turn of a throwaway conversation. */
  async test(principal: Principal, id: string, message: string): Promise<ChatWidgetTestResult> {
    if (!message.trim()) throw BadUserInputError.field('message', 'message is required');
    if (message.length > TEST_MESSAGE_MAX_LENGTH) throw BadUserInputError.field('message', `message must be at most ${TEST_MESSAGE_MAX_LENGTH} characters`);
    const widget = await this.getOrFail(principal, id);
    const started = Date.now();
    try {
      const connector = createAgentConnector(this.connectionOf(widget), this.connectorDeps);
      const reply = await connector.send({
        conversationId: `widget-test-${randomUUID()}`,
        turn: 1,
        message: message.trim(),
        language: 'en',
        chatUrl: null,
        metadata: { test: true },
        history: [],
      });
      return { ok: true, replies: reply.messages, latencyMs: Date.now() - started, error: null };
    } catch (error) {
      if (!(error instanceof AgentUnavailableError)) throw error;
      return { ok: false, replies: [], latencyMs: Date.now() - started, error: error.message };
    }
  }

  /** The widget with its secrets opened, for a connector; null when it does not exist (any more). */
  async connection(manager: EntityManager, tenantId: string, id: string): Promise<WidgetConnection | null> {
    const widget = await findWidget(manager, tenantId, id);
    return widget && this.connectionOf(widget);
  }

  /** A widget row already read (a conversation step reads it along with its claim), with its secrets opened. */
  connectionOf(widget: Pick<ChatWidgetEntity, 'id' | 'tenantId' | 'connector' | 'settings' | 'secrets'>): WidgetConnection {
    let secrets: WidgetSecrets;
    try {
      secrets = this.open(widget);
    } catch (error) {
      throw new AgentUnavailableError(`the secrets of chat widget ${widget.id} cannot be read: ${(error as Error).message}`);
    }
    return {
      connector: widget.connector,
      url: widget.settings.url,
      model: widget.settings.model,
      systemPrompt: widget.settings.systemPrompt,
      timeoutMs: widget.settings.timeoutMs,
      apiKey: secrets.apiKey,
      signingSecret: secrets.signingSecret,
    };
  }

  private async assertUrlAllowed(connector: ChatWidgetInput['connector'], url: string | null): Promise<void> {
    if (!URL_CONNECTORS.includes(connector) || !url) return;
    try {
      await this.guard.assertAllowed(new URL(url), { allowUnresolved: true });
    } catch (error) {
      throw BadUserInputError.field('url', `url is not allowed: ${(error as Error).message}`);
    }
  }

  private seal(tenantId: string, id: string, secrets: WidgetSecrets): Buffer | null {
    return Object.keys(secrets).length ? this.secretBox.seal(secrets, secretBinding(tenantId, id)) : null;
  }

  private open(widget: Pick<ChatWidgetEntity, 'id' | 'tenantId' | 'secrets'>): WidgetSecrets {
    return widget.secrets ? this.secretBox.open(widget.secrets, secretBinding(widget.tenantId, widget.id)) : {};
  }
}

function findWidget(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<ChatWidgetEntity | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return manager.findOne(ChatWidgetEntity, { where: { id, tenantId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

function withoutEmpty(secrets: WidgetSecrets): WidgetSecrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => typeof v === 'string' && v !== '')) as WidgetSecrets;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
