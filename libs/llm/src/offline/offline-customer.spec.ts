import type { CaseSpec, CustomerTurn, TranscriptTurn } from '../types';
import { OfflineSimulatedCustomer } from './offline-customer';

const customer = new OfflineSimulatedCustomer();
const context = { tenantId: 'tenant-a' };

const wismo: CaseSpec = {
  name: 'Where is my order?',
  toneOfVoice: 'Polite but impatient.',
  behaviour:
    'Ask where your order is. Provide your order number if asked. If the agent gives you a tracking link, confirm you have received it and end the conversation. If the agent cannot help after two attempts, ask to speak to a human.',
  personaFacts: [
    { name: 'order_number', value: 'DG-882341' },
    { name: 'delivery_country', value: 'United Kingdom' },
  ],
  successCriteria: 'The customer receives a tracking link or a clear update on the delivery status of their order.',
  language: 'en',
};

function transcriptOf(...texts: string[]): TranscriptTurn[] {
  return texts.map((text, index) => ({ index, role: index % 2 === 0 ? 'CUSTOMER' : 'AGENT', text }));
}

const next = (testCase: CaseSpec, transcript: TranscriptTurn[], maxTurns = 12): Promise<CustomerTurn> =>
  customer.nextTurn({ testCase, transcript, maxTurns }, context);

describe('OfflineSimulatedCustomer', () => {
  it('opens with the behaviour’s first instruction in its own words', async () => {
    await expect(next(wismo, [])).resolves.toMatchObject({ kind: 'say', text: 'Hi! Could you tell me where my order is?' });
    const german = { ...wismo, behaviour: 'Frage nach dem Status deiner Bestellung.', language: 'de-AT' };
    await expect(next(german, [])).resolves.toMatchObject({ text: 'Hallo! Ich möchte nach dem Status meiner Bestellung fragen.' });
    const spanish = { ...wismo, behaviour: 'Pregunta si envían a Canarias y cuánto tarda.', language: 'es' };
    await expect(next(spanish, [])).resolves.toMatchObject({ text: '¡Hola! Quería saber si envían a Canarias y cuánto tarda.' });
    const french = { ...wismo, behaviour: 'Explique que ta cafetière ne s’allume pas.', language: 'fr' };
    await expect(next(french, [])).resolves.toMatchObject({ text: 'Bonjour ! Ma cafetière ne s’allume pas.' });
  });

  it('answers a question with the matching persona fact', async () => {
    const turn = await next(wismo, transcriptOf('Hi! Could you tell me where my order is?', 'Sure, what is your order number?'));
    expect(turn).toMatchObject({ kind: 'say', text: 'Sure: my order number is DG-882341.' });
  });

  it('says it does not have a fact instead of inventing one', async () => {
    const turn = await next(wismo, transcriptOf('Hi! Could you tell me where my order is?', 'Could you give me the email address on the order?'));
    expect(turn.kind).toBe('say');
    expect(turn.kind === 'say' && turn.text).toBe("Sorry, I don't have my email address at hand.");
  });

  it('ends with a confirmation once the success criteria are observably met', async () => {
    const turn = await next(
      wismo,
      transcriptOf('Hi! Could you tell me where my order is?', 'What is your order number?', 'Sure: my order number is DG-882341.', 'It is in transit: https://track.example/1'),
    );
    expect(turn).toMatchObject({ kind: 'end', reason: 'goal_met', text: "Got it, I've received the tracking link. Thank you, bye!" });
  });

  it('withholds a fact until the agent acknowledges the problem', async () => {
    const late: CaseSpec = {
      ...wismo,
      toneOfVoice: 'Frustrated and curt.',
      behaviour: 'Say your parcel is a week late. Refuse to give your order number until the agent acknowledges the delay, then give it.',
      successCriteria: 'The customer gets a concrete new delivery date.',
    };
    expect(await next(late, [])).toMatchObject({ text: 'My parcel is a week late.' });
    const refused = await next(late, transcriptOf('My parcel is a week late.', 'What is your order number?'));
    expect(refused).toMatchObject({ kind: 'say', text: "I won't give you my order number until you acknowledge the delay." });
    const given = await next(late, transcriptOf('My parcel is a week late.', 'What is your order number?', 'x', "I'm sorry about the delay. What is your order number?"));
    expect(given).toMatchObject({ kind: 'say', text: 'Sure: my order number is DG-882341.' });
  });

  it('repeats a request for a human, insists, then gives up', async () => {
    const human: CaseSpec = { ...wismo, behaviour: 'Immediately ask to speak to a human. If the agent tries to help first, repeat the request once, then insist.', toneOfVoice: 'Irritated.' };
    const texts: string[] = [];
    let turn = await next(human, []);
    const transcript: TranscriptTurn[] = [];
    while (turn.kind === 'say') {
      texts.push(turn.text);
      transcript.push({ index: transcript.length, role: 'CUSTOMER', text: turn.text }, { index: transcript.length + 1, role: 'AGENT', text: 'How can I help with your order?' });
      turn = await next(human, transcript);
    }
    expect(texts).toEqual(["I'd like to speak to a human, please.", "I'd like to speak to a human, please.", 'I insist: please connect me to a human agent now.']);
    expect(turn).toMatchObject({ kind: 'end', reason: 'gave_up' });
  });

  it('ends when handed over and never exceeds the turn limit', async () => {
    expect(await next(wismo, transcriptOf('Hi!', 'I am handing you over to a human colleague now.'))).toMatchObject({ kind: 'end', reason: 'handed_off' });
    expect(await next(wismo, transcriptOf('a', 'b', 'c', 'd'), 2)).toMatchObject({ kind: 'end', reason: 'gave_up' });
  });
});
