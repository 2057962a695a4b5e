import type { EntityManager } from 'typeorm';
import { rowsOf } from '@sim/persistence';
import type { GenerationSourceName } from '@sim/llm';
import type { GenerationJobRequest } from './domain/generation-request';

export const GenerationJobStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type GenerationJobStatus = (typeof GenerationJobStatuses)[number];

export interface GenerationJob {
  id: string;
  tenantId: string;
  status: GenerationJobStatus;
  source: GenerationSourceName;
  request: GenerationJobRequest;
  requested: number;
  created: number;
  testCaseIds: string[];
  error: string | null;
  engine: string | null;
  requestedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

interface JobRow {
  id: string;
  tenant_id: string;
  status: GenerationJobStatus;
  source: GenerationSourceName;
  request: GenerationJobRequest | string;
  requested: number;
  created: number;
  test_case_ids: string[] | string;
  error: string | null;
  engine: string | null;
  requested_by: string;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: Date | string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * The `generation_job` table. Every statement names the tenant on top of row-level security.
 * State changes are conditional updates, so two workers holding the same job cannot both
 * move it: the one whose update matched a row goes on, the other stops.
 */
export class GenerationJobStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  async insert(job: GenerationJob): Promise<void> {
    await this.manager.query(
      `INSERT INTO generation.generation_job
         (id, tenant_id, status, source, request, requested, created, test_case_ids, error, engine, requested_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
      [job.id, this.tenantId, job.status, job.source, JSON.stringify(job.request), job.requested, job.created, job.testCaseIds, job.error, job.engine, job.requestedBy, job.createdAt],
    );
  }

  async find(id: string): Promise<GenerationJob | null> {
    if (!isUuid(id)) return null;
    const rows: JobRow[] = await this.manager.query('SELECT * FROM generation.generation_job WHERE tenant_id = $1 AND id = $2', [this.tenantId, id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  /**
   * QUEUED -> RUNNING; also takes over a RUNNING job not touched for `staleMs` (its worker
   * died). Null when the job is finished or another worker holds it.
   */
  async start(id: string, staleMs: number, now = new Date()): Promise<GenerationJob | null> {
    const rows: JobRow[] = await this.manager.query(
      `UPDATE generation.generation_job
          SET status = 'RUNNING', started_at = $3, updated_at = $3, error = NULL
        WHERE tenant_id = $1 AND id = $2
          AND (status = 'QUEUED' OR (status = 'RUNNING' AND updated_at < $4))
        RETURNING *`,
      [this.tenantId, id, now, new Date(now.getTime() - staleMs)],
    );
    return firstJob(rows);
  }

  /** RUNNING -> COMPLETED with what was generated. */
  async complete(id: string, result: { testCaseIds: string[]; engine: string }, now = new Date()): Promise<GenerationJob | null> {
    const rows: JobRow[] = await this.manager.query(
      `UPDATE generation.generation_job
          SET status = 'COMPLETED', created = $3, test_case_ids = $4, engine = $5, finished_at = $6, updated_at = $6
        WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING'
        RETURNING *`,
      [this.tenantId, id, result.testCaseIds.length, result.testCaseIds, result.engine, now],
    );
    return firstJob(rows);
  }

  /** RUNNING or QUEUED -> FAILED with the reason. */
  async fail(id: string, error: string, now = new Date()): Promise<GenerationJob | null> {
    const rows: JobRow[] = await this.manager.query(
      `UPDATE generation.generation_job
          SET status = 'FAILED', error = $3, finished_at = $4, updated_at = $4
        WHERE tenant_id = $1 AND id = $2 AND status IN ('QUEUED', 'RUNNING')
        RETURNING *`,
      [this.tenantId, id, error, now],
    );
    return firstJob(rows);
  }
}

function firstJob(result: unknown): GenerationJob | null {
  const rows = rowsOf<JobRow>(result);
  return rows[0] ? toJob(rows[0]) : null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function toJob(row: JobRow): GenerationJob {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    source: row.source,
    request: typeof row.request === 'string' ? (JSON.parse(row.request) as GenerationJobRequest) : row.request,
    requested: Number(row.requested),
    created: Number(row.created),
    testCaseIds: parseUuidArray(row.test_case_ids),
    error: row.error,
    engine: row.engine,
    requestedBy: row.requested_by,
    createdAt: date(row.created_at),
    startedAt: row.started_at === null ? null : date(row.started_at),
    finishedAt: row.finished_at === null ? null : date(row.finished_at),
    updatedAt: date(row.updated_at),
  };
}

/** node-postgres parses uuid[] into an array; some drivers hand back the `{a,b}` literal. */
function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}
