/**
 * The demo tenant's generation sources, built from the same shop the demo agent answers
 * from: its help centre as a knowledge collection, its catalog and orders as Purchase AI
 * collections, the intents of the demo test pack, and a few dozen past support tickets (with
 * contact details in them, which the import redacts).
 */
import { DEMO_ORDERS, DESTINATIONS, REFUND_DAYS, RETURN_DAYS, RETURNS_URL, TRACKING_BASE } from '@sim/service-simulation/demo-store-data';

export const demoKnowledgeDocuments: { title: string; format: 'TEXT' | 'MARKDOWN' | 'HTML'; content: string }[] = [
  {
    title: 'Delivery times and costs',
    format: 'MARKDOWN',
    content: [
      '# Delivery times and costs',
      '',
      'We ship from our warehouse every working day. Orders placed before 2 pm leave the same day.',
      '',
      ...DESTINATIONS.flatMap((d) => [
        `## ${d.names.en.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase())}`,
        '',
        `Standard delivery takes ${d.standard.days} working days and costs ${d.standard.price}. Express delivery takes ${d.express.days} working days and costs ${d.express.price}.` +
          (d.customs === 'possible' ? ' Import duties and taxes may apply and are paid by the recipient.' : ' No customs duties apply.'),
        '',
      ]),
    ].join('\n'),
  },
  {
    title: 'Returns and refunds',
    format: 'MARKDOWN',
    content: [
      '# Returns and refunds',
      '',
      `You can return any item within ${RETURN_DAYS} days of delivery. Return shipping is free: start a return at ${RETURNS_URL} and print the prepaid label.`,
      '',
      '## Refunds',
      '',
      `Refunds are paid to the original payment method ${REFUND_DAYS} working days after the return reaches our warehouse. You receive an email when the refund is issued.`,
      '',
      '## Damaged or faulty items',
      '',
      'If an item arrives damaged or does not work, we send a replacement at no cost, or refund it if you prefer. Keep the packaging until the replacement arrives.',
    ].join('\n'),
  },
  {
    title: 'Tracking your order',
    format: 'HTML',
    content: `<h1>Tracking your order</h1><p>Every order gets a tracking link as soon as it leaves our warehouse, in the form <code>${TRACKING_BASE}&lt;order digits&gt;</code>.</p><p>Order numbers look like <b>DG-123456</b> and appear in your confirmation email.</p><p>If a parcel is more than three days late, contact us and we will ask the carrier and give you a new delivery date.</p>`,
  },
  {
    title: 'Changing an order',
    format: 'TEXT',
    content:
      'You can change the delivery address of an order until it ships. Give us the order number and the new address, and we confirm the change by email. Once an order has shipped, the carrier can redirect it for a fee.\n\nTo speak to a person, ask the assistant for a human agent at any time: our team answers chats from 8 am to 8 pm, Monday to Saturday.',
  },
];

const PRICES: Record<string, string> = {
  'Trail Runner 2 shoes': '119.00 EUR',
  'Wool Blend Overcoat': '229.00 EUR',
  'Alpine Shell Jacket, size M': '189.00 EUR',
  'City Backpack 22L': '89.90 EUR',
  'Merino Base Layer': '59.00 EUR',
  'Cafetière Brio 1.2L': '49.00 EUR',
  'Harbour Rain Boots': '79.00 EUR',
  'Linen Shirt': '45.00 EUR',
  'Trekking Poles': '69.00 EUR',
  'Canvas Tote': '25.00 EUR',
};

export const demoCatalog = DEMO_ORDERS.map((order, i) => ({
  sku: `SKU-${String(1001 + i)}`,
  name: order.product,
  price: PRICES[order.product] ?? '49.00 EUR',
  inStock: i % 4 === 3 ? 'no' : 'yes',
}));

export const demoOrders = DEMO_ORDERS.map((order) => ({
  orderNumber: order.number,
  status: order.state,
  product: order.product,
  carrier: order.carrier,
  expectedDelivery: order.expected ?? '',
  deliveredOn: order.delivered ?? '',
  refundAmount: order.refundAmount ?? '',
}));

export const demoIntents = [
  { name: 'Order Status :: Where Is My Order', description: 'The customer wants to know where an order is or when it arrives.', examples: ['Where is my order?', 'Has my parcel shipped yet?', 'Can I get a tracking link?'] },
  { name: 'Order Status :: Late Delivery', description: 'An order is later than promised.', examples: ['My parcel is a week late', 'It still has not arrived', 'You said it would be here on Monday'] },
  { name: 'Returns :: Start A Return', description: 'The customer wants to send an item back.', examples: ['How do I return this?', 'The jacket does not fit', 'Is return shipping free?'] },
  { name: 'Refunds :: Refund Status', description: 'A refund has not arrived yet.', examples: ['Where is my refund?', 'I sent it back two weeks ago', 'When will I get my money back?'] },
  { name: 'Delivery :: Shipping Options', description: 'Delivery times, costs and destinations.', examples: ['Do you ship to the Canary Islands?', 'How long does express take?', 'Are there customs fees to the US?'] },
  { name: 'Returns :: Damaged Item', description: 'An item arrived broken or does not work.', examples: ['It arrived broken', 'The coffee maker does not switch on', 'Can I get a replacement?'] },
  { name: 'Handoff :: Talk To A Human', description: 'The customer asks for a person.', examples: ['I want to talk to a human', 'Get me an agent', 'Stop, I need a real person'] },
];

const CHANNELS = ['chat', 'email', 'phone'];
const TICKET_TEMPLATES: { intent: string; tags: string[]; customer: (o: (typeof DEMO_ORDERS)[number]) => string; agent: (o: (typeof DEMO_ORDERS)[number]) => string; resolution: string }[] = [
  {
    intent: 'Order Status :: Where Is My Order',
    tags: ['order-status'],
    customer: (o) => `Hi, where is my order ${o.number}? You can reach me at jamie.${o.number.slice(3)}@example.com.`,
    agent: (o) => `Your ${o.product} is with ${o.carrier}. Here is your tracking link: ${TRACKING_BASE}${o.number.replace(/\D/g, '')}`,
    resolution: 'Tracking link sent',
  },
  {
    intent: 'Order Status :: Late Delivery',
    tags: ['late', 'escalation'],
    customer: (o) => `My order ${o.number} is late again. Call me on +44 7700 900${o.number.slice(-3)} please.`,
    agent: (o) => `I am sorry about the delay. ${o.carrier} now expects to deliver on ${o.expected ?? 'the next working day'}.`,
    resolution: 'New delivery date given',
  },
  {
    intent: 'Refunds :: Refund Status',
    tags: ['refund'],
    customer: (o) => `I returned ${o.product} (order ${o.number}) and I have no refund. I paid with card 4111 1111 1111 1111.`,
    agent: () => `Refunds arrive ${REFUND_DAYS} working days after we receive the return. Yours is on its way.`,
    resolution: 'Refund timeline explained',
  },
  {
    intent: 'Returns :: Start A Return',
    tags: ['returns'],
    customer: (o) => `How do I send back the ${o.product} from order ${o.number}?`,
    agent: () => `You have ${RETURN_DAYS} days and return shipping is free: start at ${RETURNS_URL}.`,
    resolution: 'Return started',
  },
  {
    intent: 'Handoff :: Talk To A Human',
    tags: ['handoff'],
    customer: () => 'I do not want a bot, put me through to a person.',
    agent: () => 'Of course, I am handing you over to a colleague now.',
    resolution: 'Handed to a human',
  },
];

/** A few dozen past conversations, spread over channels, dates, intents and satisfaction. */
export function demoTickets(now = new Date('2026-11-20T12:00:00Z')) {
  return Array.from({ length: 36 }, (_, i) => {
    const template = TICKET_TEMPLATES[i % TICKET_TEMPLATES.length];
    const order = DEMO_ORDERS[i % DEMO_ORDERS.length];
    const createdAt = new Date(now.getTime() - i * 37 * 3600_000);
    return {
      externalId: `ZD-${40100 + i}`,
      channel: CHANNELS[i % CHANNELS.length],
      createdAt: createdAt.toISOString(),
      tags: template.tags,
      intent: template.intent,
      csat: 1 + ((i * 7) % 5),
      resolution: template.resolution,
      turns: [
        { role: 'CUSTOMER', text: template.customer(order) },
        { role: 'AGENT', text: template.agent(order) },
        { role: 'CUSTOMER', text: i % 3 === 0 ? 'That does not help, this is the third time I ask.' : 'Thanks, that helps.' },
      ],
    };
  });
}

type Call = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: { message: string }[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Creates the demo sources through the public API, as an editor of the tenant would. */
export async function seedDemoSources(call: Call): Promise<void> {
  const must = async (what: string, query: string, variables: Record<string, unknown>) => {
    const result = await call(query, variables);
    if (result.errors) throw new Error(`seeding ${what}: ${result.errors[0].message}`);
    return result.data;
  };
  const knowledge = await must('the help centre', 'mutation($name: String!) { createKnowledgeCollection(name: $name) { id } }', { name: 'Demo Store Help Centre' });
  for (const doc of demoKnowledgeDocuments) {
    await must(`help article "${doc.title}"`, 'mutation($c: ID!, $t: String!, $x: String!, $f: DocumentFormat) { addKnowledgeDocument(collectionId: $c, title: $t, content: $x, format: $f) { id } }', {
      c: knowledge.createKnowledgeCollection.id,
      t: doc.title,
      x: doc.content,
      f: doc.format,
    });
  }
  for (const [name, items] of [
    ['Demo Store Catalog', demoCatalog],
    ['Demo Store Orders', demoOrders],
  ] as const) {
    const collection = await must(name, 'mutation($name: String!) { createPaiCollection(name: $name) { id } }', { name });
    await must(`${name} items`, 'mutation($c: ID!, $x: String!) { importPaiItems(collectionId: $c, format: JSON, content: $x) { imported } }', {
      c: collection.createPaiCollection.id,
      x: JSON.stringify(items),
    });
  }
  for (const intent of demoIntents) {
    await must(`intent "${intent.name}"`, 'mutation($input: IntentInput!) { createIntent(input: $input) { id } }', { input: intent });
  }
  await must('past tickets', 'mutation($x: String!) { importTickets(format: JSON, content: $x) { imported } }', { x: JSON.stringify(demoTickets()) });
}
