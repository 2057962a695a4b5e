import { noUsage, type LlmCallContext } from '../types';
import { caseFingerprint } from './ids';
import { intentScenarios } from './from-intents';
import { knowledgeScenario } from './from-knowledge';
import { purchaseAiScenario } from './from-purchase-ai';
import { ticketScenario } from './from-tickets';
import { PERSONA_STYLES, writeCase, type Scenario } from './scenario';
import type { GeneratedCase, GenerationMaterial, GenerationRequest, GenerationResult, TestCaseGenerator } from './types';

export const OFFLINE_GENERATOR_ENGINE = 'offline-rules/v1';

/**
 * Test cases written by rules from the material alone: deterministic (the same request gives
 * the same cases), no model, every fact and expected answer taken from the material. Each
 * piece of material gives one scenario; when more cases are asked for than there is material,
 * the scenarios are played again in other persona styles (in a hurry, vague first message).
 * Fewer cases than asked come back when the material runs out; never a repeated case.
 */
export class OfflineGenerator implements TestCaseGenerator {
  readonly engine = OFFLINE_GENERATOR_ENGINE;

  async generate(request: GenerationRequest, _context: LlmCallContext): Promise<GenerationResult> {
    const cases = request.source === 'INTENTS' ? this.fromIntents(request) : this.fromScenarios(scenariosOf(request.material), request);
    return { cases, usage: noUsage() };
  }

  /** Round-robin over the material, one persona style per round. */
  private fromScenarios(scenarios: Scenario[], request: GenerationRequest): GeneratedCase[] {
    const unique = new UniqueCases();
    for (const style of PERSONA_STYLES) {
      for (const scenario of scenarios) {
        if (unique.size >= request.count) return unique.cases;
        unique.add(writeCase(scenario, style, request.language));
      }
    }
    return unique.cases;
  }

  /** Cases per intent, each from an example or the description, in the intents' order. */
  private fromIntents(request: GenerationRequest): GeneratedCase[] {
    const perIntent = Math.max(1, request.casesPerIntent ?? 1);
    const unique = new UniqueCases();
    for (const material of request.material) {
      if (material.kind !== 'intent') continue;
      const scenarios = intentScenarios(material, perIntent);
      // An intent with fewer examples than asked is played in more styles.
      for (let i = 0; i < perIntent * PERSONA_STYLES.length && unique.countOf(material.id) < perIntent; i += 1) {
        const scenario = scenarios[i % scenarios.length];
        const style = PERSONA_STYLES[Math.floor(i / scenarios.length)];
        if (!scenario || !style) break;
        unique.add(writeCase(scenario, style, request.language));
      }
      if (unique.size >= request.count) break;
    }
    return unique.cases.slice(0, request.count);
  }
}

function scenariosOf(material: GenerationMaterial[]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const item of material) {
    const scenario =
      item.kind === 'knowledge_chunk' ? knowledgeScenario(item) : item.kind === 'pai_item' ? purchaseAiScenario(item) : item.kind === 'ticket' ? ticketScenario(item) : null;
    if (scenario) scenarios.push(scenario);
  }
  return scenarios;
}

/** Keeps the first of cases with the same name and behaviour (normalised). */
class UniqueCases {
  readonly cases: GeneratedCase[] = [];
  private readonly seen = new Set<string>();

  get size(): number {
    return this.cases.length;
  }

  countOf(sourceRef: string): number {
    return this.cases.filter((c) => c.sourceRef === sourceRef).length;
  }

  add(generated: GeneratedCase): void {
    const key = caseFingerprint(generated.name, generated.behaviour);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.cases.push(generated);
  }
}
