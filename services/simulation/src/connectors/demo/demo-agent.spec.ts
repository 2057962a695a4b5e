import { OfflineJudge, OfflineSimulatedCustomer, type CaseSpec, type Judgement, type TranscriptTurn } from '@sim/llm';
import type { AgentTurnRequest } from '../agent-connector';
import { DemoAgent } from './demo-agent';
import { DEMO_SEED_CASES, asCaseSpec } from './demo-seed-cases.fixture';

const MAX_TURNS = 12;
const context = { tenantId: 'demo' };

interface Simulated {
  transcript: TranscriptTurn[];
  endedBy: 'customer' | 'agent' | 'handoff' | 'max_turns';
  judgement: Judgement;
}

/** What the simulation service does for one case, with the offline engines and the DEMO agent. */
async function simulate(testCase: CaseSpec): Promise<Simulated> {
  const customer = new OfflineSimulatedCustomer();
  const agent = new DemoAgent();
  const transcript: TranscriptTurn[] = [];
  const add = (role: TranscriptTurn['role'], text: string) => transcript.push({ index: transcript.length, role, text });
  let endedBy: Simulated['endedBy'] = 'max_turns';
  for (let turn = 1; turn <= MAX_TURNS; turn += 1) {
    const next = await customer.nextTurn({ testCase, transcript, maxTurns: MAX_TURNS }, context);
    if (next.kind === 'end') {
      if (next.text) add('CUSTOMER', next.text);
      endedBy = 'customer';
      break;
    }
    add('CUSTOMER', next.text);
    const reply = await agent.send(agentRequest(testCase, turn, transcript));
    for (const message of reply.messages) add('AGENT', message);
    if (reply.handoff || reply.end) {
      endedBy = reply.handoff ? 'handoff' : 'agent';
      break;
    }
  }
  const judgement = await new OfflineJudge().judge({ testCase, transcript, endedBy }, context);
  return { transcript, endedBy, judgement };
}

function agentRequest(testCase: CaseSpec, turn: number, transcript: TranscriptTurn[]): AgentTurnRequest {
  return {
    conversationId: `case-${testCase.name}`,
    turn,
    message: transcript[transcript.length - 1].text,
    language: testCase.language,
    chatUrl: null,
    metadata: {},
    history: transcript.slice(0, -1),
  };
}

const cases = DEMO_SEED_CASES.map(asCaseSpec);

describe('the 12 demo test cases against the DEMO agent (offline engines)', () => {
  let results: Map<string, Simulated>;

  beforeAll(async () => {
    results = new Map();
    for (const testCase of cases) results.set(testCase.name, await simulate(testCase));
  });

  const result = (prefix: string) => [...results.entries()].find(([name]) => name.startsWith(prefix))?.[1] as Simulated;
  const verdict = (prefix: string, kind: 'USER' | 'AGENT', index = 0) => result(prefix).judgement.criteria.filter((c) => c.kind === kind)[index];

  it('ends every conversation before the turn limit with a real exchange and no simulator error', () => {
    for (const [name, { transcript, endedBy, judgement }] of results) {
      expect({ name, endedBy }).not.toEqual({ name, endedBy: 'max_turns' });
      expect(transcript.filter((t) => t.role === 'CUSTOMER').length).toBeLessThan(MAX_TURNS);
      expect(transcript[0].role).toBe('CUSTOMER');
      expect(transcript.some((t) => t.role === 'AGENT')).toBe(true);
      expect({ name, simulatorError: judgement.simulatorError }).toEqual({ name, simulatorError: null });
    }
  });

  it('scores deterministically', async () => {
    for (const testCase of cases.slice(0, 4)) {
      const again = await simulate(testCase);
      expect(again).toEqual(results.get(testCase.name));
    }
  });

  it('lands the cases in all three bands', () => {
    const bands = [...results.values()].map((r) => r.judgement.band);
    expect(bands.filter((b) => b === 'PASSED').length).toBeGreaterThanOrEqual(2);
    expect(bands.filter((b) => b === 'NEEDS_ATTENTION').length).toBeGreaterThanOrEqual(1);
    expect(bands.filter((b) => b === 'FAILED').length).toBeGreaterThanOrEqual(1);
  });

  it('passes the flows the agent handles well', () => {
    for (const prefix of ['Where is my order?', 'Return a jacket', 'Refund not received', 'Wo ist meine Bestellung?', 'Envío a Canarias', 'Delivery times to the United States', 'Ask for a human']) {
      expect({ prefix, band: result(prefix).judgement.band }).toEqual({ prefix, band: 'PASSED' });
    }
    expect(result('Where is my order?').transcript.some((t) => t.role === 'AGENT' && t.text.includes('https://track.demo-store.example/882341'))).toBe(true);
    expect(result('Ask for a human').endedBy).toBe('handoff');
  });

  it('needs attention when the late-delivery flow asks before acknowledging and asks twice', () => {
    const late = result('Order not arrived');
    expect(late.judgement.band).toBe('NEEDS_ATTENTION');
    expect(verdict('Order not arrived', 'USER')).toMatchObject({ met: true });
    expect(verdict('Order not arrived', 'AGENT')).toMatchObject({ met: false });
    expect(verdict('Order not arrived', 'AGENT').reasoning).toMatch(/asked for the order number again .*asked for details before acknowledging/);
  });

  it('needs attention when the replacement flow answers a French customer in English', () => {
    expect(result('Retour d’un article défectueux').judgement).toMatchObject({ band: 'NEEDS_ATTENTION', score: 79 });
    expect(verdict('Retour d’un article défectueux', 'AGENT').reasoning).toMatch(/not in French: turn 2 \(English\), turn 4 \(English\)/);
  });

  it('fails the off-topic case because the store question is declined too', () => {
    const offTopic = result('Off-topic question');
    expect(offTopic.judgement.band).toBe('FAILED');
    expect(offTopic.transcript.filter((t) => t.role === 'AGENT').every((t) => t.text === 'I can only help with orders, deliveries, returns and refunds.')).toBe(true);
    expect(verdict('Off-topic question', 'USER')).toMatchObject({ met: false });
  });

  it('fails the Dutch refund case because the agent does not understand Dutch', () => {
    const dutch = result('Waar blijft mijn terugbetaling?');
    expect(dutch.judgement).toMatchObject({ band: 'FAILED', score: 0 });
    expect(dutch.transcript.filter((t) => t.role === 'AGENT').every((t) => t.text.startsWith("Sorry, I didn't understand that."))).toBe(true);
  });

  it('shows the address flow asking again for an order number it was given', () => {
    const address = result('Change delivery address');
    const agentTurns = address.transcript.filter((t) => t.role === 'AGENT').map((t) => t.text);
    expect(agentTurns[0]).toMatch(/What's your order number\?/);
    expect(agentTurns[1]).toMatch(/please give me your order number and the new delivery address/);
    expect(agentTurns[2]).toMatch(/has not shipped yet, so I've changed the delivery address to 14 Harbour Street/);
  });
});

describe('DemoAgent', () => {
  const agent = new DemoAgent();
  const ask = (message: string, language = 'en', history: TranscriptTurn[] = []) =>
    agent.send({ conversationId: 'c1', turn: history.length / 2 + 1, message, language, chatUrl: null, metadata: {}, history });

  it('answers order status in the conversation language from its own data', async () => {
    const reply = await ask('Où est ma commande DG-553120 ?', 'fr-FR');
    expect(reply.messages.join(' ')).toMatch(/Votre commande DG-553120 a été expédiée.*https:\/\/track\.demo-store\.example\/553120/);
    const unknown = await ask('Where is my order DG-000001?');
    expect(unknown.messages[0]).toMatch(/couldn't find an order DG-000001/);
  });

  it('quotes country-specific delivery options', async () => {
    const reply = await ask('How long does delivery to Ireland take?');
    expect(reply.messages[0]).toBe('Delivery to Ireland: standard 3-5 working days (5.95 EUR), express 1-2 working days (12.95 EUR). No customs fees apply.');
    const noCountry = await ask('How long does delivery take?');
    expect(noCountry.messages[0]).toBe('Which country should we deliver to?');
  });

  it('hands over on a repeated request and ends after thanks', async () => {
    const history: TranscriptTurn[] = [
      { index: 0, role: 'CUSTOMER', text: 'I want a human.' },
      { index: 1, role: 'AGENT', text: 'What do you need?' },
    ];
    expect(await ask('I want a human.')).toMatchObject({ handoff: false });
    expect(await ask('A human, please!', 'en', history)).toMatchObject({ handoff: true });
    expect(await ask('Thanks, bye!')).toMatchObject({ end: true, messages: ["You're welcome! Have a great day."] });
  });
});
