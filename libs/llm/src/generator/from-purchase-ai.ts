import type { PersonaFact } from '../types';
import type { PaiItemMaterial } from './types';
import { factName, truncate, type Scenario } from './scenario';

type Data = Record<string, string>;

/** The value of the first field whose name matches, with that field's name. */
function field(data: Data, pattern: RegExp): { key: string; value: string } | null {
  for (const [key, value] of Object.entries(data)) {
    if (pattern.test(key) && typeof value === 'string' && value.trim() !== '') return { key, value: value.trim() };
  }
  return null;
}

const ORDER_NUMBER = /^(order[\s_-]*(number|no|nr|id|#|ref(erence)?)?|order|number|id|reference)$/i;
/** What a customer knows about their own order; status and tracking are what they ask for. */
const CUSTOMER_KNOWS = /(name|e-?mail|product|item|sku|date|country|post ?code|zip|city)/i;
const STATUS = /(status|state|tracking|shipment)/i;

/** "Where is my order": the real order number and what the customer would know of it as facts. */
function orderScenario(item: PaiItemMaterial): Scenario | null {
  const number = field(item.data, ORDER_NUMBER);
  if (!number) return null;
  const facts: PersonaFact[] = [{ name: 'order_number', value: number.value }];
  for (const [key, value] of Object.entries(item.data)) {
    if (facts.length >= 6 || key === number.key || !value?.trim() || STATUS.test(key) || !CUSTOMER_KNOWS.test(key)) continue;
    const name = factName(key);
    if (name && !facts.some((f) => f.name === name)) facts.push({ name, value: truncate(value.trim(), 200) });
  }
  const status = field(item.data, /status|state/i);
  const statusClause = status ? ` and gives its current status ("${truncate(status.value, 80)}")` : ' and gives its current status';
  return {
    name: `Where is my order? — order ${number.value}`,
    ask: 'where your order is and when it will arrive',
    facts,
    provide: 'your order number and the other facts',
    endWhen: 'you receive a tracking link or a clear delivery update',
    successCriteria: `The customer receives a tracking link or a clear update on the delivery status of order ${number.value}.`,
    agentCriteria: `The agent looks up order ${number.value}${statusClause} within 4 turns, and does not ask for information already provided.`,
    type: 'Order status',
    intent: 'Order Status :: Where Is My Order',
    tone: 'Polite but impatient. Anxious about timely delivery.',
    sourceRef: item.id,
  };
}

/** Availability and price of a named product. */
function productScenario(item: PaiItemMaterial): Scenario | null {
  const name = field(item.data, /^(product[\s_-]*name|name|title|product|item)$/i) ?? field(item.data, /name|title/i);
  if (!name) return null;
  const price = field(item.data, /price|cost|amount/i);
  const stock = field(item.data, /stock|availab|inventory|quantity|qty/i);
  const sku = field(item.data, /^(sku|ean|gtin|product[\s_-]*id|article)/i);
  const facts: PersonaFact[] = [{ name: 'product_name', value: truncate(name.value, 200) }];
  if (sku) facts.push({ name: 'product_code', value: sku.value });
  const checks = [price ? `states the price (${price.value})` : 'states the price', stock ? `and whether it is in stock ("${stock.value}")` : 'and whether it is available'];
  return {
    name: `Is ${truncate(name.value, 120)} available? — price and stock`,
    ask: `whether ${name.value} is in stock and what it costs`,
    facts,
    provide: sku ? 'the product code' : null,
    endWhen: 'you know whether the product is available and its price',
    successCriteria: `The customer learns whether ${name.value} is available and what it costs.`,
    agentCriteria: `The agent names ${name.value}, ${checks.join(' ')}, consistent with the product data, without inventing a different price.`,
    type: 'Product question',
    intent: 'Product :: Availability and Price',
    tone: 'Friendly and interested in buying.',
    sourceRef: item.id,
  };
}

/** A record of another kind: ask about it by its first field. */
function otherScenario(item: PaiItemMaterial): Scenario | null {
  const first = Object.entries(item.data).find(([, value]) => typeof value === 'string' && value.trim() !== '');
  if (!first) return null;
  const [key, value] = first;
  return {
    name: `Question about ${truncate(value, 120)}`,
    ask: `for the details of ${value}`,
    facts: [{ name: factName(key) || 'reference', value: truncate(value, 200) }],
    provide: `the ${key}`,
    endWhen: `the agent has given you the details of ${value}`,
    successCriteria: `The customer receives the details of ${value}.`,
    agentCriteria: `The agent finds ${value} and answers from its data without inventing details.`,
    type: 'Information request',
    intent: null,
    tone: 'Polite.',
    sourceRef: item.id,
  };
}

export function purchaseAiScenario(item: PaiItemMaterial): Scenario | null {
  if (item.itemKind === 'order') return orderScenario(item) ?? otherScenario(item);
  if (item.itemKind === 'product') return productScenario(item) ?? otherScenario(item);
  return otherScenario(item);
}
