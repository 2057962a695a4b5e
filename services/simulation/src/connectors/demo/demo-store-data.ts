/**
 * The DEMO agent's own shop: orders, delivery options per destination and the policies it
 * quotes. Fixed data, so a demo run gives the same conversations every time.
 */
export type DemoLang = 'en' | 'de' | 'fr' | 'es';

export type OrderState = 'in_transit' | 'delayed' | 'delivered' | 'processing' | 'returned';

export interface DemoOrder {
  number: string;
  state: OrderState;
  product: string;
  carrier: string;
  /** ISO dates. */
  expected?: string;
  delivered?: string;
  returnReceived?: string;
  refundAmount?: string;
}

export const DEMO_ORDERS: DemoOrder[] = [
  { number: 'DG-882341', state: 'in_transit', product: 'Trail Runner 2 shoes', carrier: 'Royal Mail', expected: '2026-11-27' },
  { number: 'DG-771209', state: 'delayed', product: 'Wool Blend Overcoat', carrier: 'An Post', expected: '2026-11-28' },
  { number: 'DG-904417', state: 'delivered', product: 'Alpine Shell Jacket, size M', carrier: 'DHL', delivered: '2026-11-05' },
  { number: 'DG-650032', state: 'returned', product: 'City Backpack 22L', carrier: 'DPD', returnReceived: '2026-11-12', refundAmount: '89.90 EUR' },
  { number: 'DG-553120', state: 'in_transit', product: 'Merino Base Layer', carrier: 'Österreichische Post', expected: '2026-11-26' },
  { number: 'DG-318876', state: 'delivered', product: 'Cafetière Brio 1.2L', carrier: 'Colissimo', delivered: '2026-11-10' },
  { number: 'DG-882977', state: 'processing', product: 'Harbour Rain Boots', carrier: 'Royal Mail', expected: '2026-11-29' },
  { number: 'DG-447810', state: 'returned', product: 'Linen Shirt', carrier: 'PostNL', returnReceived: '2026-11-15', refundAmount: '45.00 EUR' },
  { number: 'DG-120045', state: 'delivered', product: 'Trekking Poles', carrier: 'UPS', delivered: '2026-10-30' },
  { number: 'DG-765432', state: 'processing', product: 'Canvas Tote', carrier: 'Correos', expected: '2026-12-02' },
];

export const TRACKING_BASE = 'https://track.demo-store.example/';
export const RETURNS_URL = 'https://demo-store.example/returns';

export const trackingLink = (order: DemoOrder) => `${TRACKING_BASE}${order.number.replace(/\D/g, '')}`;

export interface Destination {
  id: string;
  /** How replies name it, per language. */
  names: Record<DemoLang, string>;
  /** How customers name it, in any of the four languages. */
  aliases: RegExp;
  standard: { days: string; price: string };
  express: { days: string; price: string };
  customs: 'none' | 'possible';
}

export const DESTINATIONS: Destination[] = [
  {
    id: 'canary-islands',
    names: { en: 'the Canary Islands', de: 'die Kanarischen Inseln', fr: 'les îles Canaries', es: 'las Islas Canarias' },
    aliases: /canar(y|ies|ias)|kanar/i,
    standard: { days: '5-8', price: '9.95 EUR' },
    express: { days: '3-4', price: '19.95 EUR' },
    customs: 'possible',
  },
  {
    id: 'uk',
    names: { en: 'the United Kingdom', de: 'das Vereinigte Königreich', fr: 'le Royaume-Uni', es: 'el Reino Unido' },
    aliases: /united kingdom|\buk\b|great britain|england|scotland|wales|vereinigte[sn]? königreich|großbritannien|royaume-uni|reino unido/i,
    standard: { days: '3-5', price: '4.95 GBP' },
    express: { days: '1-2', price: '9.95 GBP' },
    customs: 'none',
  },
  {
    id: 'ireland',
    names: { en: 'Ireland', de: 'Irland', fr: 'l’Irlande', es: 'Irlanda' },
    aliases: /ireland|irland|irlande|irlanda/i,
    standard: { days: '3-5', price: '5.95 EUR' },
    express: { days: '1-2', price: '12.95 EUR' },
    customs: 'none',
  },
  {
    id: 'austria',
    names: { en: 'Austria', de: 'Österreich', fr: 'l’Autriche', es: 'Austria' },
    aliases: /austria|österreich|autriche/i,
    standard: { days: '2-4', price: '4.95 EUR' },
    express: { days: '1-2', price: '9.95 EUR' },
    customs: 'none',
  },
  {
    id: 'us',
    names: { en: 'the United States', de: 'die USA', fr: 'les États-Unis', es: 'Estados Unidos' },
    aliases: /united states|\bu\.?s\.?a?\b|america|vereinigte[n]? staaten|états-unis|estados unidos|ee\.? ?uu/i,
    standard: { days: '7-10', price: '14.95 USD' },
    express: { days: '3-4', price: '29.95 USD' },
    customs: 'possible',
  },
  {
    id: 'germany',
    names: { en: 'Germany', de: 'Deutschland', fr: 'l’Allemagne', es: 'Alemania' },
    aliases: /germany|deutschland|allemagne|alemania/i,
    standard: { days: '1-3', price: '3.95 EUR' },
    express: { days: '1', price: '7.95 EUR' },
    customs: 'none',
  },
  {
    id: 'france',
    names: { en: 'France', de: 'Frankreich', fr: 'la France', es: 'Francia' },
    aliases: /france|frankreich|francia/i,
    standard: { days: '2-4', price: '4.95 EUR' },
    express: { days: '1-2', price: '9.95 EUR' },
    customs: 'none',
  },
  {
    // Checked after the Canary Islands, which are part of Spain but outside its VAT area.
    id: 'spain',
    names: { en: 'mainland Spain', de: 'das spanische Festland', fr: 'l’Espagne continentale', es: 'la península' },
    aliases: /spain|spanien|espagne|españa|península/i,
    standard: { days: '3-5', price: '5.95 EUR' },
    express: { days: '2-3', price: '12.95 EUR' },
    customs: 'none',
  },
];

export const RETURN_DAYS = 30;
export const REFUND_DAYS = '5-7';
