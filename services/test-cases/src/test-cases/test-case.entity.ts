import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonaFactInput } from './domain/test-case.input';

export const TEST_CASES_SCHEMA = 'test_cases';

/** How a test case came to be (API.md `TestCaseSourceKind`). */
export const TestCaseSourceKinds = ['MANUAL', 'KNOWLEDGE_SOURCE', 'PURCHASE_AI', 'INTENTS', 'HISTORICAL_TICKETS', 'IMPORT'] as const;
export type TestCaseSourceKind = (typeof TestCaseSourceKinds)[number];

/** The stored row; the GraphQL type is separate (dto/test-case.model.ts). */
@Entity({ name: 'test_case', schema: TEST_CASES_SCHEMA })
export class TestCaseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column('text', { name: 'tone_of_voice' }) toneOfVoice: string;
  @Column('text') behaviour: string;
  @Column('jsonb', { name: 'persona_facts' }) personaFacts: PersonaFactInput[];
  @Column('text', { name: 'success_criteria' }) successCriteria: string;
  @Column('text', { nullable: true }) language: string | null;
  @Column('text', { name: 'agent_criteria', nullable: true }) agentCriteria: string | null;
  @Column('text', { nullable: true }) type: string | null;
  @Column('text', { nullable: true }) intent: string | null;
  @Column('text', { name: 'source_kind' }) sourceKind: TestCaseSourceKind;
  @Column('text', { name: 'source_ref', nullable: true }) sourceRef: string | null;
  /** Increases on every change, so consumers of the snapshot topic can drop stale copies. */
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) version: number;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}
