import type { CaseSpec, TranscriptTurn } from '../types';
import { OfflineJudge } from './offline-judge';

const judge = new OfflineJudge();
const context = { tenantId: 'tenant-a' };

const base: CaseSpec = {
  name: 'Where is my order?',
  toneOfVoice: 'Polite.',
  behaviour: 'Ask where your order is.',
  personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
  successCriteria: 'The customer receives a tracking link or a clear update on the delivery status of their order.',
  agentCriteria: 'The agent provides a tracking link within 2 turns. It does not ask for information already provided.',
  language: 'en',
};

function transcriptOf(...texts: string[]): TranscriptTurn[] {
  return texts.map((text, index) => ({ index, role: index % 2 === 0 ? 'CUSTOMER' : 'AGENT', text }));
}

describe('OfflineJudge', () => {
  it('passes a conversation meeting every criterion, citing turns', async () => {
    const result = await judge.judge(
      { testCase: base, transcript: transcriptOf('Where is my order?', 'What is your order number?', 'DG-882341', 'It shipped: https://track.example/882341', 'Thanks!'), endedBy: 'customer' },
      context,
    );
    expect(result).toMatchObject({ score: 100, band: 'PASSED', simulatorError: null, engine: 'offline-rules/v1', usage: { costUsd: 0 } });
    expect(result.criteria.map((c) => [c.kind, c.met])).toEqual([
      ['USER', true],
      ['AGENT', true],
      ['AGENT', true],
    ]);
    expect(result.criteria[1].reasoning).toContain('turn 4: the agent sent a tracking link');
    expect(result.summary).toMatch(/^Score 100\/100 \(passed\)/);
  });

  it('catches a repeated question and a link later than the turn limit, capping the score', async () => {
    const transcript = transcriptOf(
      'Where is my order?',
      'What is your order number?',
      'DG-882341',
      'Could you confirm your order number?',
      'DG-882341 as I said',
      'Here you go: https://track.example/882341',
    );
    const result = await judge.judge({ testCase: base, transcript, endedBy: 'customer' }, context);
    const [, link, repeat] = result.criteria;
    expect(link).toMatchObject({ met: false });
    expect(link.reasoning).toMatch(/reply 3, later than 2 agent replies/);
    expect(repeat).toMatchObject({ met: false, score: 0 });
    expect(repeat.reasoning).toMatch(/turn 4: the agent asked for the order number again \(the customer gave it in turn 3\)/);
    expect(result.score).toBe(50);
    expect(result.band).toBe('NEEDS_ATTENTION');
  });

  it('checks the reply language named in a criterion', async () => {
    const testCase = { ...base, language: 'fr', successCriteria: 'Le client obtient un remplacement.', agentCriteria: 'L’agent répond en français.' };
    const english = await judge.judge({ testCase, transcript: transcriptOf('Ma cafetière ne marche pas.', 'I have arranged a replacement for you.'), endedBy: 'customer' }, context);
    expect(english.criteria[1]).toMatchObject({ met: false, reasoning: 'not in French: turn 2 (English)' });
    expect(english.score).toBe(50);
    const french = await judge.judge({ testCase, transcript: transcriptOf('Ma cafetière ne marche pas.', 'Je vous envoie un remplacement pour votre commande.'), endedBy: 'customer' }, context);
    expect(french.score).toBe(100);
  });

  it('flags a simulated customer that invents facts or quits before the agent replies', async () => {
    const invented = await judge.judge({ testCase: base, transcript: transcriptOf('My order DG-999999 is missing', 'Let me check.'), endedBy: 'customer' }, context);
    expect(invented.simulatorError).toMatch(/turn 1: .*"DG-999999", which is not among its persona facts/);
    const quit = await judge.judge({ testCase: base, transcript: transcriptOf('Hello?'), endedBy: 'customer' }, context);
    expect(quit.simulatorError).toMatch(/before the agent replied/);
  });

  it('is deterministic', async () => {
    const request = { testCase: base, transcript: transcriptOf('Where is my order?', 'No idea, sorry.'), endedBy: 'max_turns' };
    const [a, b] = [await judge.judge(request, context), await judge.judge(request, context)];
    expect(a).toEqual(b);
    expect(a.band).toBe('FAILED');
  });
});
