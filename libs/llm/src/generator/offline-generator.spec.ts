import { caseFingerprint, generatedCaseId } from './ids';
import { OfflineGenerator } from './offline-generator';
import type { GenerationMaterial, GenerationRequest } from './types';

const generator = new OfflineGenerator();
const context = { tenantId: 'tenant-a' };

const returnsChunk: GenerationMaterial = {
  kind: 'knowledge_chunk',
  id: 'chunk-returns',
  title: 'Returns',
  text: '# Returns\nYou can return any unworn item within 30 days of delivery. Refunds reach your card within 5 working days.',
};
const order: GenerationMaterial = {
  kind: 'pai_item',
  id: 'item-order',
  itemKind: 'order',
  data: { order_number: 'DG-882341', customer_name: 'Sarah Mitchell', email: 'sarah@example.com', status: 'shipped', tracking_url: 'https://track.example/1' },
};
const product: GenerationMaterial = { kind: 'pai_item', id: 'item-product', itemKind: 'product', data: { name: 'Trail Runner 2', sku: 'TR2-44', price: '129.00 EUR', stock: 'in stock' } };

function request(changes: Partial<GenerationRequest>): GenerationRequest {
  return { source: 'KNOWLEDGE_SOURCE', material: [returnsChunk], count: 1, language: 'en', ...changes };
}

function expectComplete(generated: Awaited<ReturnType<OfflineGenerator['generate']>>['cases'][number], language: string) {
  expect(generated.name.length).toBeGreaterThan(0);
  expect(generated.toneOfVoice.length).toBeGreaterThan(0);
  expect(generated.behaviour).toMatch(/^.*Ask|ask /);
  expect(generated.behaviour).toContain('end the conversation');
  expect(generated.behaviour).toContain('ask to speak to a human');
  expect(generated.successCriteria.length).toBeGreaterThan(0);
  expect(generated.agentCriteria).toBeTruthy();
  expect(generated.type).toBeTruthy();
  expect(generated.language).toBe(language);
}

describe('OfflineGenerator', () => {
  it('asks the question a knowledge chunk answers and quotes the answer for the judge', async () => {
    const { cases, usage } = await generator.generate(request({}), context);
    expect(cases).toHaveLength(1);
    const [generated] = cases;
    expectComplete(generated, 'en');
    expect(generated.behaviour).toMatch(/^Ask how long you have to return an item/);
    expect(generated.agentCriteria).toContain('within 30 days of delivery');
    expect(generated.intent).toBe('Returns :: Return Policy');
    expect(generated.personaFacts).toEqual([]);
    expect(generated.sourceRef).toBe('chunk-returns');
    expect(usage).toEqual({ promptTokens: 0, completionTokens: 0, costUsd: 0 });
  });

  it('turns a Purchase AI order into "where is my order" with its real order number, and a product into a price question', async () => {
    const { cases } = await generator.generate(request({ source: 'PURCHASE_AI', material: [order, product], count: 2 }), context);
    const [fromOrder, fromProduct] = cases;
    expectComplete(fromOrder, 'en');
    expect(fromOrder.name).toContain('Where is my order?');
    expect(fromOrder.personaFacts).toEqual(
      expect.arrayContaining([
        { name: 'order_number', value: 'DG-882341' },
        { name: 'customer_name', value: 'Sarah Mitchell' },
      ]),
    );
    // The customer does not know what it asks for.
    expect(fromOrder.personaFacts.map((f) => f.name)).not.toContain('status');
    expect(fromOrder.agentCriteria).toContain('"shipped"');
    expect(fromOrder.sourceRef).toBe('item-order');
    expect(fromProduct.behaviour).toContain('Trail Runner 2');
    expect(fromProduct.agentCriteria).toContain('129.00 EUR');
    expect(fromProduct.personaFacts).toContainEqual({ name: 'product_name', value: 'Trail Runner 2' });
  });

  it('writes one case per intent example, up to the cases per intent, with the intent set', async () => {
    const intents: GenerationMaterial[] = [
      { kind: 'intent', id: 'intent-1', name: 'Cancel order', description: 'The customer wants to cancel an order.', examples: ['Please cancel my order', 'I changed my mind', 'Stop my order'] },
      { kind: 'intent', id: 'intent-2', name: 'Opening hours', description: 'Asks when the shop is open.', examples: [] },
    ];
    const { cases } = await generator.generate(request({ source: 'INTENTS', material: intents, count: 4, casesPerIntent: 2 }), context);
    expect(cases.map((c) => c.sourceRef)).toEqual(['intent-1', 'intent-1', 'intent-2', 'intent-2']);
    expect(cases[0].behaviour).toContain('"Please cancel my order"');
    expect(cases[1].behaviour).toContain('"I changed my mind"');
    expect(cases.every((c) => c.type === 'Intent')).toBe(true);
    expect(cases.map((c) => c.intent)).toEqual(['Cancel order', 'Cancel order', 'Opening hours', 'Opening hours']);
    expect(new Set(cases.map((c) => caseFingerprint(c.name, c.behaviour))).size).toBe(4);
  });

  it("reproduces a ticket's problem with the facts the customer gave", async () => {
    const ticket: GenerationMaterial = {
      kind: 'ticket',
      id: 'ticket-1',
      externalId: 'T-1',
      channel: 'chat',
      tags: ['damaged'],
      intent: 'Damaged item',
      csat: 1,
      resolution: 'A replacement was sent.',
      turns: [
        { role: 'CUSTOMER', text: 'My parcel for order DG-100234 arrived damaged. Contact me at joe@example.com.' },
        { role: 'AGENT', text: 'Sorry to hear that.' },
      ],
    };
    const { cases } = await generator.generate(request({ source: 'HISTORICAL_TICKETS', material: [ticket], count: 1, language: 'de-DE' }), context);
    const [generated] = cases;
    expect(generated.behaviour).toContain('My parcel for order DG-100234 arrived damaged');
    expect(generated.personaFacts).toEqual([
      { name: 'order_number', value: 'DG-100234' },
      { name: 'email', value: 'joe@example.com' },
    ]);
    expect(generated.successCriteria).toContain('A replacement was sent.');
    expect(generated.toneOfVoice).toMatch(/Frustrated/);
    expect(generated.language).toBe('de-DE');
    expect(generated.behaviour).toContain('German');
  });

  it('plays the material in other styles when more cases are asked for, never repeating one, and stops when it runs out', async () => {
    const { cases } = await generator.generate(request({ count: 20 }), context);
    expect(cases).toHaveLength(3);
    expect(new Set(cases.map((c) => caseFingerprint(c.name, c.behaviour))).size).toBe(3);
  });

  it('is deterministic', async () => {
    const first = await generator.generate(request({ source: 'PURCHASE_AI', material: [order, product], count: 5 }), context);
    const second = await generator.generate(request({ source: 'PURCHASE_AI', material: [order, product], count: 5 }), context);
    expect(second).toEqual(first);
  });
});

describe('generatedCaseId', () => {
  it('is a stable UUID per tenant and dedupe key', () => {
    const id = generatedCaseId('tenant-a', 'job-1:0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(generatedCaseId('tenant-a', 'job-1:0')).toBe(id);
    expect(generatedCaseId('tenant-b', 'job-1:0')).not.toBe(id);
    expect(generatedCaseId('tenant-a', 'job-1:1')).not.toBe(id);
  });
});
