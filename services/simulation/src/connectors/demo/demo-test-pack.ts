/**
 * The demo tenant's test cases: the kinds of scenario a support team regresses on, across
 * intents, types and languages, so every filter and a first run have something to show.
 * They live beside the demo store agent they are written against; the embedded default
 * seeds them (`@sim/service-simulation/demo-test-pack`), and the demo agent's spec runs them.
 * Plain data: importing this file loads no GraphQL types.
 */
export interface SeedTestCase {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: { name: string; value: string }[];
  successCriteria: string;
  language?: string;
  agentCriteria?: string;
  type?: string;
  intent?: string;
}

export const demoTestCases: SeedTestCase[] = [
  {
    name: 'Where is my order? — Standard tracked delivery',
    toneOfVoice: 'Polite but impatient. Anxious about timely delivery.',
    behaviour:
      'Ask where your order is. Provide your order number if asked. If the agent gives you a tracking link, confirm you have received it and end the conversation. If the agent cannot help after two attempts, ask to speak to a human.',
    personaFacts: [
      { name: 'order_number', value: 'DG-882341' },
      { name: 'customer_name', value: 'Sarah Mitchell' },
      { name: 'email', value: 'sarah.mitchell@example.com' },
      { name: 'delivery_country', value: 'United Kingdom' },
    ],
    successCriteria: 'The customer receives a tracking link or a clear update on the delivery status of their order.',
    language: 'en',
    agentCriteria: 'The agent retrieves the order status and provides a tracking link within 4 turns. It does not ask for information already provided.',
    type: 'Order Status',
    intent: 'Order Status :: Where Is My Order',
  },
  {
    name: 'Order not arrived — frustrated repeat contact',
    toneOfVoice: 'Frustrated and curt; this is the third time asking.',
    behaviour:
      'Say your parcel is a week late and you have already contacted support twice. Refuse to give your order number until the agent acknowledges the delay, then give it. If no delivery date is offered, ask for a human.',
    personaFacts: [
      { name: 'order_number', value: 'DG-771209' },
      { name: 'customer_name', value: 'Tom Becker' },
      { name: 'delivery_country', value: 'Ireland' },
    ],
    successCriteria: 'The customer gets a concrete new delivery date or is handed to a human agent.',
    agentCriteria: 'The agent acknowledges the frustration before asking for details and never asks twice for the order number.',
    type: 'Order Status',
    intent: 'Order Status :: Late Delivery',
  },
  {
    name: 'Return a jacket that does not fit',
    toneOfVoice: 'Friendly and relaxed.',
    behaviour:
      'Explain the jacket you bought is too small and you want to return it. Ask how long you have to return it and whether return shipping is free. Provide the order number when asked. End once you know the steps.',
    personaFacts: [
      { name: 'order_number', value: 'DG-904417' },
      { name: 'product', value: 'Alpine Shell Jacket, size M' },
      { name: 'purchase_date', value: '2026-11-02' },
    ],
    successCriteria: 'The customer learns the return window, the cost of return shipping and how to start the return.',
    agentCriteria: 'The agent states the 30-day return policy correctly and explains how to start a return.',
    type: 'Returns',
    intent: 'Returns :: Start A Return',
  },
  {
    name: 'Refund not received after return',
    toneOfVoice: 'Calm but firm.',
    behaviour:
      'Say you returned an item two weeks ago and still have no refund. Give the order number and the return date if asked. Ask when the money will arrive. If the agent cannot say, ask for the case to be escalated.',
    personaFacts: [
      { name: 'order_number', value: 'DG-650032' },
      { name: 'return_date', value: '2026-11-08' },
      { name: 'refund_amount', value: '89.90 EUR' },
    ],
    successCriteria: 'The customer is told when the refund will arrive or the case is escalated.',
    agentCriteria: 'The agent confirms the refund timeline (5-7 working days after the return is received) or escalates.',
    type: 'Refunds',
    intent: 'Refunds :: Refund Status',
  },
  {
    name: 'Wo ist meine Bestellung? — Lieferung nach Österreich',
    toneOfVoice: 'Höflich, etwas ungeduldig.',
    behaviour:
      'Frage nach dem Status deiner Bestellung. Nenne die Bestellnummer, wenn danach gefragt wird. Wenn du einen Sendungsverfolgungslink bekommst, bedanke dich und beende das Gespräch.',
    personaFacts: [
      { name: 'order_number', value: 'DG-553120' },
      { name: 'customer_name', value: 'Lena Huber' },
      { name: 'delivery_country', value: 'Austria' },
    ],
    successCriteria: 'Die Kundin erhält einen Sendungsverfolgungslink oder ein klares Lieferdatum.',
    language: 'de',
    agentCriteria: 'Der Agent antwortet auf Deutsch und nennt den Lieferstatus innerhalb von 4 Nachrichten.',
    type: 'Order Status',
    intent: 'Order Status :: Where Is My Order',
  },
  {
    name: 'Retour d’un article défectueux',
    toneOfVoice: 'Déçu mais courtois.',
    behaviour:
      'Explique que la cafetière reçue ne s’allume pas. Demande un remplacement plutôt qu’un remboursement. Donne le numéro de commande si on te le demande.',
    personaFacts: [
      { name: 'order_number', value: 'DG-318876' },
      { name: 'product', value: 'Cafetière Brio 1.2L' },
    ],
    successCriteria: 'Le client obtient un remplacement ou une procédure claire pour l’obtenir.',
    language: 'fr',
    agentCriteria: 'L’agent répond en français, propose un remplacement et ne demande pas deux fois le numéro de commande.',
    type: 'Returns',
    intent: 'Returns :: Damaged Item',
  },
  {
    name: 'Envío a Canarias — plazos y costes',
    toneOfVoice: 'Curiosa y directa.',
    behaviour: 'Pregunta si envían a Canarias, cuánto cuesta el envío y cuánto tarda. Termina la conversación cuando tengas ambas respuestas.',
    personaFacts: [{ name: 'delivery_region', value: 'Islas Canarias' }],
    successCriteria: 'La clienta sabe si hay envío a Canarias, su coste y su plazo.',
    language: 'es',
    type: 'Delivery',
    intent: 'Delivery :: Shipping Options',
  },
  {
    name: 'Delivery times to the United States',
    toneOfVoice: 'Neutral, businesslike.',
    behaviour: 'Ask how long standard and express delivery take to the United States and whether customs fees apply. End when both are answered.',
    personaFacts: [{ name: 'delivery_country', value: 'United States' }],
    successCriteria: 'The customer learns standard and express delivery times to the US and whether duties apply.',
    agentCriteria: 'The agent gives country-specific delivery times rather than generic ones.',
    type: 'Delivery',
    intent: 'Delivery :: Shipping Options',
  },
  {
    name: 'Ask for a human straight away',
    toneOfVoice: 'Irritated; does not want to talk to a bot.',
    behaviour: 'Immediately ask to speak to a human. If the agent tries to help first, repeat the request once, then insist.',
    personaFacts: [{ name: 'customer_name', value: 'Priya Natarajan' }],
    successCriteria: 'The customer is handed over to a human agent.',
    agentCriteria: 'The agent offers a handoff to a human within 2 turns of the first request.',
    type: 'Escalation',
    intent: 'Handoff :: Talk To A Human',
  },
  {
    name: 'Change delivery address after ordering',
    toneOfVoice: 'Worried, speaks quickly.',
    behaviour:
      'Say you entered the wrong delivery address and want to change it. Give the order number and the new address when asked. Ask for confirmation that the change was made.',
    personaFacts: [
      { name: 'order_number', value: 'DG-882977' },
      { name: 'new_address', value: '14 Harbour Street, Leith, Edinburgh EH6 6LX' },
    ],
    successCriteria: 'The customer gets confirmation that the address was changed, or clear instructions if it cannot be.',
    language: 'en-GB',
    agentCriteria: 'The agent checks whether the order has shipped before promising a change.',
    type: 'Order Management',
    intent: 'Order Management :: Change Address',
  },
  {
    name: 'Off-topic question: store opening hours and weather',
    toneOfVoice: 'Chatty.',
    behaviour: 'Ask about the weather in Amsterdam, then ask whether the physical store is open on Sunday. End after the second answer.',
    personaFacts: [{ name: 'city', value: 'Amsterdam' }],
    successCriteria: 'The customer learns whether the store opens on Sunday.',
    agentCriteria: 'The agent politely declines the off-topic question and answers the store question.',
    type: 'General',
    intent: 'General :: Store Information',
  },
  {
    name: 'Waar blijft mijn terugbetaling?',
    toneOfVoice: 'Beleefd maar vastberaden.',
    behaviour: 'Vraag wanneer je terugbetaling komt voor een geretourneerde bestelling. Geef het bestelnummer als erom gevraagd wordt.',
    personaFacts: [
      { name: 'order_number', value: 'DG-447810' },
      { name: 'refund_amount', value: '45.00 EUR' },
    ],
    successCriteria: 'De klant weet wanneer de terugbetaling binnenkomt.',
    language: 'nl',
    type: 'Refunds',
    intent: 'Refunds :: Refund Status',
  },
];
