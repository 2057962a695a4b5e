import { TestCaseSourceKind, type TopicMessage } from '@sim/contracts';
import { caseFingerprint, generatedCaseId } from '@sim/llm';
import type { TestCaseInput } from '../test-cases/domain/test-case.input';
import type { NormalizedTestCaseInput } from '../test-cases/domain/test-case.input';
import type { TestCaseEntity, TestCaseSourceKind as SourceKindName } from '../test-cases/test-case.entity';

export type GeneratedCaseMessage = TopicMessage<'testcases.generated'>['cases'][number];

/** The source kinds a generation job may produce; anything else in a message is a producer bug. */
const GENERATED_KINDS: readonly SourceKindName[] = ['KNOWLEDGE_SOURCE', 'PURCHASE_AI', 'INTENTS', 'HISTORICAL_TICKETS'];

export function generatedSourceKind(kind: TestCaseSourceKind): SourceKindName | null {
  const name = TestCaseSourceKind[kind] as SourceKindName | undefined;
  return name && GENERATED_KINDS.includes(name) ? name : null;
}

/** The case's fields as a user would have typed them, for the service's own validation. */
export function asTestCaseInput(generated: GeneratedCaseMessage): TestCaseInput {
  return {
    name: generated.name,
    toneOfVoice: generated.toneOfVoice,
    behaviour: generated.behaviour,
    personaFacts: generated.personaFacts.map((f) => ({ name: f.name, value: f.value })),
    successCriteria: generated.successCriteria,
    language: generated.language ?? null,
    agentCriteria: generated.agentCriteria ?? null,
    type: generated.type ?? null,
    intent: generated.intent ?? null,
  };
}

/** The id generation reported for this case: the same function on both sides of the topic. */
export const idOfGenerated = (tenantId: string, generated: GeneratedCaseMessage) => generatedCaseId(tenantId, generated.dedupeKey);

export const fingerprintOf = (value: { name: string; behaviour: string }) => caseFingerprint(value.name, value.behaviour);

/** A new row as the service's create() builds one, under the generated id. */
export function generatedEntity(
  tenantId: string,
  id: string,
  value: NormalizedTestCaseInput,
  source: { kind: SourceKindName; ref: string | null },
  at: Date,
): TestCaseEntity {
  return {
    id,
    tenantId,
    name: value.name,
    toneOfVoice: value.toneOfVoice,
    behaviour: value.behaviour,
    personaFacts: value.personaFacts.map((f) => ({ name: f.name, value: f.value })),
    successCriteria: value.successCriteria,
    language: value.language,
    agentCriteria: value.agentCriteria,
    type: value.type,
    intent: value.intent,
    sourceKind: source.kind,
    sourceRef: source.ref,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}
