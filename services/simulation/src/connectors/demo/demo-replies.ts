import { DESTINATIONS, REFUND_DAYS, RETURN_DAYS, RETURNS_URL, trackingLink, type DemoLang, type DemoOrder, type Destination } from './demo-store-data';

const MONTHS: Record<DemoLang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

export function formatDate(iso: string, lang: DemoLang): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = MONTHS[lang][month - 1];
  if (lang === 'de') return `${day}. ${name} ${year}`;
  if (lang === 'es') return `${day} de ${name} de ${year}`;
  return `${day} ${name} ${year}`;
}

/** ISO date `days` calendar days after `iso`. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The localised replies; flows the demo shop never translated (replacements, address changes) stay English. */
export const REPLIES: Record<
  DemoLang,
  {
    greeting: string;
    goodbye: string;
    askOrderNumber: string;
    sorryForDelay: string;
    unknownOrder: (n: string) => string;
    status: (o: DemoOrder) => string[];
    returnsPolicy: string;
    refundAskOrder: string;
    refund: (o: DemoOrder) => string;
    askCountry: string;
    delivery: (d: Destination) => string;
    offerHelpFirst: string;
    handoff: string;
    offTopic: string;
    notUnderstood: string;
  }
> = {
  en: {
    greeting: "Hi! I'm the Demo Store assistant. How can I help you today?",
    goodbye: "You're welcome! Have a great day.",
    askOrderNumber: "Could you give me your order number? It starts with DG-.",
    sorryForDelay: "I'm sorry about the delay, I understand how frustrating that is.",
    unknownOrder: (n) => `I couldn't find an order ${n}. Could you check the order number? It looks like DG-123456.`,
    status: (o) => {
      switch (o.state) {
        case 'in_transit':
          return [`Your order ${o.number} has shipped with ${o.carrier} and is in transit. Expected delivery: ${formatDate(o.expected as string, 'en')}.`, `You can track it here: ${trackingLink(o)}`];
        case 'delayed':
          return [`Your order ${o.number} is delayed at the ${o.carrier} depot. The new expected delivery date is ${formatDate(o.expected as string, 'en')}.`, `You can track it here: ${trackingLink(o)}`];
        case 'delivered':
          return [`Your order ${o.number} was delivered on ${formatDate(o.delivered as string, 'en')}.`];
        case 'processing':
          return [`Your order ${o.number} is being prepared and has not shipped yet. It should leave our warehouse by ${formatDate(o.expected as string, 'en')}.`];
        case 'returned':
          return [`We received your return of order ${o.number} on ${formatDate(o.returnReceived as string, 'en')}.`];
      }
    },
    returnsPolicy: `You can return items within ${RETURN_DAYS} days of delivery, and return shipping is free: we give you a prepaid return label. To start a return, go to ${RETURNS_URL}, enter your order number and email, and print the label. Refunds are issued ${REFUND_DAYS} working days after your return arrives.`,
    refundAskOrder: "I'm sorry you're still waiting for your refund. What's your order number?",
    refund: (o) =>
      o.state === 'returned'
        ? `We received your return of order ${o.number} on ${formatDate(o.returnReceived as string, 'en')}. Refunds are issued ${REFUND_DAYS} working days after the return arrives, so the ${o.refundAmount} will be back on your original payment method by ${formatDate(addDays(o.returnReceived as string, 9), 'en')}.`
        : `We haven't received a return for order ${o.number} yet. Refunds are issued ${REFUND_DAYS} working days after the return arrives.`,
    askCountry: 'Which country should we deliver to?',
    delivery: (d) =>
      `Delivery to ${d.names.en}: standard ${d.standard.days} working days (${d.standard.price}), express ${d.express.days} working days (${d.express.price}). ` +
      (d.customs === 'possible' ? 'Customs duties and import taxes may apply and are paid by the recipient on delivery.' : 'No customs fees apply.'),
    offerHelpFirst: "I'm the Demo Store assistant and can usually help right away with orders, deliveries, returns and refunds. What do you need?",
    handoff: "Of course. I'm handing you over to a human colleague now; they will reply here within a few minutes.",
    offTopic: 'I can only help with orders, deliveries, returns and refunds.',
    notUnderstood: "Sorry, I didn't understand that. I can help with orders, deliveries, returns and refunds. Could you rephrase?",
  },
  de: {
    greeting: 'Hallo! Ich bin der Assistent des Demo Store. Wie kann ich Ihnen helfen?',
    goodbye: 'Gern geschehen! Einen schönen Tag noch.',
    askOrderNumber: 'Wie lautet Ihre Bestellnummer? Sie beginnt mit DG-.',
    sorryForDelay: 'Es tut mir leid, dass sich die Lieferung verspätet, ich verstehe Ihren Ärger.',
    unknownOrder: (n) => `Ich finde keine Bestellung ${n}. Können Sie die Bestellnummer prüfen? Sie sieht aus wie DG-123456.`,
    status: (o) => {
      switch (o.state) {
        case 'in_transit':
          return [`Ihre Bestellung ${o.number} wurde mit ${o.carrier} versandt und ist unterwegs. Voraussichtliche Zustellung: ${formatDate(o.expected as string, 'de')}.`, `Hier können Sie die Sendung verfolgen: ${trackingLink(o)}`];
        case 'delayed':
          return [`Ihre Bestellung ${o.number} ist im Depot von ${o.carrier} verspätet. Das neue voraussichtliche Lieferdatum ist der ${formatDate(o.expected as string, 'de')}.`, `Hier können Sie die Sendung verfolgen: ${trackingLink(o)}`];
        case 'delivered':
          return [`Ihre Bestellung ${o.number} wurde am ${formatDate(o.delivered as string, 'de')} zugestellt.`];
        case 'processing':
          return [`Ihre Bestellung ${o.number} wird vorbereitet und wurde noch nicht versandt. Sie verlässt unser Lager bis zum ${formatDate(o.expected as string, 'de')}.`];
        case 'returned':
          return [`Wir haben Ihre Rücksendung der Bestellung ${o.number} am ${formatDate(o.returnReceived as string, 'de')} erhalten.`];
      }
    },
    returnsPolicy: `Sie können Artikel innerhalb von ${RETURN_DAYS} Tagen nach der Zustellung zurückgeben, die Rücksendung ist kostenlos: Sie erhalten ein frankiertes Rücksendeetikett. Um eine Rücksendung zu starten, öffnen Sie ${RETURNS_URL}, geben Sie Bestellnummer und E-Mail ein und drucken Sie das Etikett aus. Die Erstattung erfolgt ${REFUND_DAYS} Werktage nach Eingang der Rücksendung.`,
    refundAskOrder: 'Es tut mir leid, dass Sie noch auf Ihre Erstattung warten. Wie lautet Ihre Bestellnummer?',
    refund: (o) =>
      o.state === 'returned'
        ? `Wir haben Ihre Rücksendung der Bestellung ${o.number} am ${formatDate(o.returnReceived as string, 'de')} erhalten. Die Erstattung erfolgt ${REFUND_DAYS} Werktage nach Eingang der Rücksendung, die ${o.refundAmount} sind also bis zum ${formatDate(addDays(o.returnReceived as string, 9), 'de')} auf Ihrem Zahlungsmittel.`
        : `Für die Bestellung ${o.number} haben wir noch keine Rücksendung erhalten. Die Erstattung erfolgt ${REFUND_DAYS} Werktage nach Eingang der Rücksendung.`,
    askCountry: 'In welches Land sollen wir liefern?',
    delivery: (d) =>
      `Lieferung nach ${d.names.de.replace(/^(die|das) /, '')}: Standard ${d.standard.days} Werktage (${d.standard.price}), Express ${d.express.days} Werktage (${d.express.price}). ` +
      (d.customs === 'possible' ? 'Es können Zölle und Einfuhrabgaben anfallen, die bei der Zustellung bezahlt werden.' : 'Es fallen keine Zollgebühren an.'),
    offerHelpFirst: 'Ich bin der Assistent des Demo Store und kann bei Bestellungen, Lieferungen, Rücksendungen und Erstattungen meist sofort helfen. Worum geht es?',
    handoff: 'Natürlich. Ich leite Sie jetzt an einen menschlichen Kollegen weiter; er meldet sich in wenigen Minuten hier.',
    offTopic: 'Ich kann Ihnen nur bei Bestellungen, Lieferungen, Rücksendungen und Erstattungen helfen.',
    notUnderstood: 'Entschuldigung, das habe ich nicht verstanden. Ich helfe bei Bestellungen, Lieferungen, Rücksendungen und Erstattungen. Können Sie es anders formulieren?',
  },
  fr: {
    greeting: 'Bonjour ! Je suis l’assistant de Demo Store. Comment puis-je vous aider ?',
    goodbye: 'Avec plaisir ! Bonne journée.',
    askOrderNumber: 'Pouvez-vous me donner votre numéro de commande ? Il commence par DG-.',
    sorryForDelay: 'Je suis désolé pour ce retard, je comprends que ce soit frustrant.',
    unknownOrder: (n) => `Je ne trouve pas de commande ${n}. Pouvez-vous vérifier le numéro de commande ? Il ressemble à DG-123456.`,
    status: (o) => {
      switch (o.state) {
        case 'in_transit':
          return [`Votre commande ${o.number} a été expédiée avec ${o.carrier} et est en cours de livraison. Livraison prévue : ${formatDate(o.expected as string, 'fr')}.`, `Vous pouvez la suivre ici : ${trackingLink(o)}`];
        case 'delayed':
          return [`Votre commande ${o.number} est retardée au dépôt de ${o.carrier}. La nouvelle date de livraison prévue est le ${formatDate(o.expected as string, 'fr')}.`, `Vous pouvez la suivre ici : ${trackingLink(o)}`];
        case 'delivered':
          return [`Votre commande ${o.number} a été livrée le ${formatDate(o.delivered as string, 'fr')}.`];
        case 'processing':
          return [`Votre commande ${o.number} est en préparation et n’a pas encore été expédiée. Elle quittera notre entrepôt d’ici le ${formatDate(o.expected as string, 'fr')}.`];
        case 'returned':
          return [`Nous avons reçu votre retour de la commande ${o.number} le ${formatDate(o.returnReceived as string, 'fr')}.`];
      }
    },
    returnsPolicy: `Vous pouvez retourner un article dans les ${RETURN_DAYS} jours suivant la livraison, et le retour est gratuit : nous vous fournissons une étiquette de retour prépayée. Pour commencer un retour, rendez-vous sur ${RETURNS_URL}, saisissez votre numéro de commande et votre e-mail, puis imprimez l’étiquette. Le remboursement est effectué ${REFUND_DAYS} jours ouvrés après la réception du retour.`,
    refundAskOrder: 'Je suis désolé que vous attendiez encore votre remboursement. Quel est votre numéro de commande ?',
    refund: (o) =>
      o.state === 'returned'
        ? `Nous avons reçu votre retour de la commande ${o.number} le ${formatDate(o.returnReceived as string, 'fr')}. Le remboursement est effectué ${REFUND_DAYS} jours ouvrés après la réception du retour : les ${o.refundAmount} seront sur votre moyen de paiement d’ici le ${formatDate(addDays(o.returnReceived as string, 9), 'fr')}.`
        : `Nous n’avons pas encore reçu de retour pour la commande ${o.number}. Le remboursement est effectué ${REFUND_DAYS} jours ouvrés après la réception du retour.`,
    askCountry: 'Dans quel pays devons-nous livrer ?',
    delivery: (d) =>
      `Livraison vers ${d.names.fr} : standard ${d.standard.days} jours ouvrés (${d.standard.price}), express ${d.express.days} jours ouvrés (${d.express.price}). ` +
      (d.customs === 'possible' ? 'Des droits de douane et taxes d’importation peuvent s’appliquer, à payer à la livraison.' : 'Aucun frais de douane ne s’applique.'),
    offerHelpFirst: 'Je suis l’assistant de Demo Store et je peux généralement vous aider tout de suite pour les commandes, livraisons, retours et remboursements. De quoi avez-vous besoin ?',
    handoff: 'Bien sûr. Je vous transfère maintenant à un collègue humain ; il vous répondra ici dans quelques minutes.',
    offTopic: 'Je ne peux vous aider que pour les commandes, les livraisons, les retours et les remboursements.',
    notUnderstood: 'Désolé, je n’ai pas compris. Je peux vous aider pour les commandes, livraisons, retours et remboursements. Pouvez-vous reformuler ?',
  },
  es: {
    greeting: '¡Hola! Soy el asistente de Demo Store. ¿En qué puedo ayudarle?',
    goodbye: '¡De nada! Que tenga un buen día.',
    askOrderNumber: '¿Me puede dar su número de pedido? Empieza por DG-.',
    sorryForDelay: 'Lamento mucho el retraso, entiendo que es frustrante.',
    unknownOrder: (n) => `No encuentro el pedido ${n}. ¿Puede comprobar el número de pedido? Tiene el formato DG-123456.`,
    status: (o) => {
      switch (o.state) {
        case 'in_transit':
          return [`Su pedido ${o.number} se ha enviado con ${o.carrier} y está en camino. Entrega prevista: ${formatDate(o.expected as string, 'es')}.`, `Puede seguirlo aquí: ${trackingLink(o)}`];
        case 'delayed':
          return [`Su pedido ${o.number} está retrasado en el almacén de ${o.carrier}. La nueva fecha de entrega prevista es el ${formatDate(o.expected as string, 'es')}.`, `Puede seguirlo aquí: ${trackingLink(o)}`];
        case 'delivered':
          return [`Su pedido ${o.number} se entregó el ${formatDate(o.delivered as string, 'es')}.`];
        case 'processing':
          return [`Su pedido ${o.number} se está preparando y aún no se ha enviado. Saldrá de nuestro almacén antes del ${formatDate(o.expected as string, 'es')}.`];
        case 'returned':
          return [`Recibimos su devolución del pedido ${o.number} el ${formatDate(o.returnReceived as string, 'es')}.`];
      }
    },
    returnsPolicy: `Puede devolver artículos en un plazo de ${RETURN_DAYS} días desde la entrega y la devolución es gratuita: le damos una etiqueta de devolución prepagada. Para iniciar una devolución, visite ${RETURNS_URL}, introduzca su número de pedido y su correo e imprima la etiqueta. El reembolso se emite ${REFUND_DAYS} días laborables después de recibir la devolución.`,
    refundAskOrder: 'Lamento que todavía esté esperando su reembolso. ¿Cuál es su número de pedido?',
    refund: (o) =>
      o.state === 'returned'
        ? `Recibimos su devolución del pedido ${o.number} el ${formatDate(o.returnReceived as string, 'es')}. El reembolso se emite ${REFUND_DAYS} días laborables después de recibir la devolución, así que tendrá los ${o.refundAmount} antes del ${formatDate(addDays(o.returnReceived as string, 9), 'es')}.`
        : `Todavía no hemos recibido la devolución del pedido ${o.number}. El reembolso se emite ${REFUND_DAYS} días laborables después de recibir la devolución.`,
    askCountry: '¿A qué país debemos enviar?',
    delivery: (d) =>
      `Sí, enviamos a ${d.names.es}: envío estándar ${d.standard.days} días laborables (${d.standard.price}), exprés ${d.express.days} días laborables (${d.express.price}). ` +
      (d.customs === 'possible' ? 'Pueden aplicarse tasas de aduana e impuestos de importación, que se pagan en la entrega.' : 'No se aplican tasas de aduana.'),
    offerHelpFirst: 'Soy el asistente de Demo Store y normalmente puedo ayudarle enseguida con pedidos, envíos, devoluciones y reembolsos. ¿Qué necesita?',
    handoff: 'Por supuesto. Le paso ahora con un compañero humano; le responderá aquí en unos minutos.',
    offTopic: 'Solo puedo ayudarle con pedidos, envíos, devoluciones y reembolsos.',
    notUnderstood: 'Perdone, no le he entendido. Puedo ayudarle con pedidos, envíos, devoluciones y reembolsos. ¿Puede reformularlo?',
  },
};

/** English-only flows: the demo shop's realistic gap for non-English customers. */
export const ENGLISH_ONLY = {
  damagedAskOrder: "I'm sorry to hear your item arrived faulty. What's your order number?",
  replacement: (o: DemoOrder) =>
    `Thank you. I've arranged a free replacement of your ${o.product} for order ${o.number}: it ships within 2 working days, and you'll get an email with a prepaid label to send the faulty one back.`,
  replacementNotDelivered: (o: DemoOrder) => `Order ${o.number} hasn't been delivered yet, so there is nothing to replace. Please contact us again once it has arrived.`,
  addressAskOrder: "I can help with that. What's your order number?",
  // The flaw: it asks again for the order number the customer already gave.
  addressAskBoth: 'Thanks. To change the delivery address, please give me your order number and the new delivery address.',
  addressChanged: (o: DemoOrder, address: string) =>
    `Good news: order ${o.number} has not shipped yet, so I've changed the delivery address to ${address}. You'll get a confirmation email shortly.`,
  addressTooLate: (o: DemoOrder) =>
    `Order ${o.number} has already shipped, so its address can no longer be changed. You can redirect the parcel with the carrier here: ${trackingLink(o)}`,
  addressConfirmed: (o: DemoOrder, address: string) => `Yes, confirmed: the delivery address of order ${o.number} is now ${address}.`,
};

export function destinationIn(text: string): Destination | undefined {
  return DESTINATIONS.find((d) => d.aliases.test(text));
}
