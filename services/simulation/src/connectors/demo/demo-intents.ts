/** What a customer message is about, as the demo flows understand it (English, German, French, Spanish). */
export type DemoIntent = 'human' | 'address_change' | 'damaged' | 'refund' | 'return' | 'late' | 'order_status' | 'delivery_info' | 'off_topic';

/** A word starting here (`retour` matches `retourner`, not `geretourneerde`). */
const starts = (alternatives: string) => new RegExp(String.raw`(?<![\p{L}])(?:${alternatives})`, 'iu');

// Checked in order: the first match wins ("a replacement rather than a refund" is a replacement).
const INTENTS: [DemoIntent, RegExp][] = [
  ['human', starts(String.raw`human|real person|speak to (a|an|someone)|talk to (a|an|someone)|escalat|colleague|mensch|mitarbeiter|kolleg|humain|conseiller|collègue|humano|persona real|compañero`)],
  [
    'address_change',
    starts(String.raw`(change|update|correct|wrong)\s.{0,40}address|address\s.{0,30}(change|wrong)|adresse ändern|falsche (liefer)?adresse|changer (l[’']|mon )?adresse|mauvaise adresse|cambiar (la |mi )?direcci|direcci[oó]n (incorrecta|equivocada)`),
  ],
  [
    'damaged',
    starts(String.raw`broken|damaged|defect|faulty|doesn't work|does not (work|turn on|switch on)|won't (turn|switch) on|ne s[’']allume pas|ne fonctionne pas|défectueu|cassé|abîmé|kaputt|defekt|beschädigt|funktioniert nicht|roto|dañado|defectuoso|no funciona|no enciende|replacement|remplacement|ersatz|reemplazo`),
  ],
  ['refund', starts(String.raw`refund|money back|erstattung|rückerstattung|geld zurück|rembours|reembols|devolución del dinero`)],
  ['return', starts(String.raw`return|send (it|them) back|too (small|big|large)|does(n't| not) fit|zurückschick|zurückgeben|rücksend|rückgabe|umtausch|retour|renvoyer|devolver|devoluci`)],
  ['late', starts(String.raw`late\b|delay|not (yet )?arrived|hasn't arrived|still waiting|verspät|nicht angekommen|noch nicht da|en retard|pas (encore )?arrivé|retras|no ha llegado|todavía no`)],
  [
    'order_status',
    starts(
      String.raw`where('s| is) my (order|parcel|package)|where my (order|parcel|package)|order status|status of my order|track|wo ist meine|status meiner bestellung|bestellstatus|sendungsverfolgung|où (en )?est ma commande|suivi|statut de ma commande|dónde está mi pedido|estado de mi pedido|seguimiento`,
    ),
  ],
  ['delivery_info', starts(String.raw`deliver|ship|customs|duties|how long|liefer|versand|zustell|zoll|livr|expédi|douane|envío|envia|envían|enviáis|aduana|cuánto tarda`)],
  ['off_topic', starts(String.raw`weather|store|shop\b|opening hours|open on|joke|wetter|laden|filiale|öffnungszeiten|météo|magasin|horaires|tiempo|tienda|horario`)],
];

export function intentOf(message: string): DemoIntent | null {
  return INTENTS.find(([, pattern]) => pattern.test(message))?.[0] ?? null;
}

export const GREETING_ONLY = /^\W*(hi|hello|hey|good (morning|afternoon|evening)|hallo|guten (tag|morgen)|servus|bonjour|salut|hola|buenos días|buenas)\W*$/i;

export const THANKS_OR_BYE = starts(String.raw`thank|thanks|bye|goodbye|that's all|danke|tschüss|auf wiedersehen|merci|au revoir|gracias|adiós|hasta luego`);

/** The customer asks the agent to own up to a problem (the late-delivery flow reacts to it). */
export const WANTS_ACKNOWLEDGEMENT = starts(String.raw`acknowledg|apolog|sorry|anerkenn|entschuldig|reconna|excuse|reconozca|disculp|erken`);

export const ORDER_NUMBER = /\bDG-?\d{6}\b/i;
