import type { PersonaFact } from '../types';
import { requestSentences, words } from './patterns';

/**
 * Kinds of information an agent asks customers for, with the words that name them in the
 * offline engine's languages. Persona facts are matched to a kind by their name.
 */
export const FACT_KINDS: Record<string, RegExp> = {
  order_number: words(
    String.raw`order (number|no\.?|id|reference)|order ?#|ordernumber|bestell(nummer|nr\.?)|auftragsnummer|num[ée]ro de (la )?commande|n° de commande|n[úu]mero de (su |tu )?(pedido|orden)|bestelnummer|ordernummer`,
  ),
  email: words(String.raw`e-?mail( address)?|e-?mail-adresse|courriel|adresse e-?mail|correo( electr[oó]nico)?|e-?mailadres`),
  new_address: words(String.raw`new (delivery |shipping )?address|neue (liefer)?adresse|nouvelle adresse|nueva direcci[oó]n|nieuwe? (bezorg)?adres`),
  address: words(String.raw`(delivery |shipping )?address|(liefer)?adresse|adresse de livraison|direcci[oó]n( de entrega)?|(bezorg)?adres`),
  delivery_country: words(String.raw`which country|what country|destination country|country|welches land|lieferland|quel pays|pays|qu[ée] pa[ií]s|pa[ií]s|welk land`),
  return_date: words(
    String.raw`return date|when did you (return|send)|date of (the |your )?return|r[üu]cksendedatum|wann .{0,30}zur[üu]ckgeschickt|date de (votre )?retour|fecha de (la )?devoluci[oó]n|retourdatum`,
  ),
  customer_name: words(String.raw`your (full )?name|ihren namen|ihr name|votre nom|su nombre|tu nombre|uw naam|je naam`),
  product: words(String.raw`which (item|product)|what (item|product)|welche[sn]? (artikel|produkt)|quel (article|produit)|qu[ée] (art[ií]culo|producto)|welk (artikel|product)`),
  purchase_date: words(String.raw`purchase date|when did you (buy|order|purchase)|kaufdatum|date d'achat|fecha de compra|aankoopdatum`),
  phone: words(String.raw`phone( number)?|telefon(nummer)?|t[ée]l[ée]phone|tel[ée]fono|telefoonnummer`),
  postcode: words(String.raw`post ?code|zip( code)?|plz|postleitzahl|code postal|c[oó]digo postal`),
};

/** Fact names people use for the same kind. */
const NAME_ALIASES: Record<string, string> = {
  order_id: 'order_number',
  order: 'order_number',
  order_no: 'order_number',
  email_address: 'email',
  e_mail: 'email',
  country: 'delivery_country',
  delivery_region: 'delivery_country',
  shipping_country: 'delivery_country',
  name: 'customer_name',
  full_name: 'customer_name',
  delivery_address: 'address',
  shipping_address: 'address',
  item: 'product',
  phone_number: 'phone',
  zip: 'postcode',
  postal_code: 'postcode',
};

/** The kind a persona fact is, from its name (`Order Number`, `order_id` -> `order_number`). */
export function kindOfFact(name: string): string {
  const normal = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return NAME_ALIASES[normal] ?? normal;
}

/** Kinds that satisfy a request of `kind` (a new address answers "which address?"). */
function answeringKinds(kind: string): string[] {
  return kind === 'address' ? ['address', 'new_address'] : [kind];
}

/** The fact kinds the speaker asks for in `text` (only sentences that are questions or requests). */
export function requestedKinds(text: string, facts: PersonaFact[] = []): string[] {
  const asked = new Set<string>();
  for (const request of requestSentences(text)) {
    // "email address" names an email, not a postal address.
    const sentence = request.replace(/e-?mail[- ]?(address|adresse)|adresse e-?mail|e-?mailadres/gi, 'email');
    for (const [kind, pattern] of Object.entries(FACT_KINDS)) if (pattern.test(sentence)) asked.add(kind);
    // Facts with names the table does not know: all words of the name in the sentence.
    for (const fact of facts) {
      const kind = kindOfFact(fact.name);
      if (FACT_KINDS[kind]) continue;
      const parts = kind.split('_').filter((p) => p.length > 2);
      if (parts.length > 0 && parts.every((p) => sentence.toLowerCase().includes(p))) asked.add(kind);
    }
  }
  // "the new address" also names an address: keep the more specific kind only.
  if (asked.has('new_address')) asked.delete('address');
  return [...asked];
}

/** The persona fact answering a request of `kind`, if the customer has one. */
export function factFor(kind: string, facts: PersonaFact[]): PersonaFact | undefined {
  const kinds = answeringKinds(kind);
  return facts.find((f) => kinds.includes(kindOfFact(f.name)));
}

/** How a kind is called in a sentence, per language. */
const SPOKEN_NAMES: Record<string, Record<string, string>> = {
  order_number: { en: 'order number', de: 'Bestellnummer', fr: 'numéro de commande', es: 'número de pedido', nl: 'bestelnummer' },
  email: { en: 'email address', de: 'E-Mail-Adresse', fr: 'adresse e-mail', es: 'correo electrónico', nl: 'e-mailadres' },
  new_address: { en: 'new address', de: 'neue Adresse', fr: 'nouvelle adresse', es: 'nueva dirección', nl: 'nieuwe adres' },
  address: { en: 'address', de: 'Adresse', fr: 'adresse', es: 'dirección', nl: 'adres' },
  delivery_country: { en: 'delivery country', de: 'Lieferland', fr: 'pays de livraison', es: 'país de entrega', nl: 'land' },
  return_date: { en: 'return date', de: 'Rücksendedatum', fr: 'date de retour', es: 'fecha de devolución', nl: 'retourdatum' },
  customer_name: { en: 'name', de: 'Name', fr: 'nom', es: 'nombre', nl: 'naam' },
  product: { en: 'product', de: 'Artikel', fr: 'article', es: 'producto', nl: 'product' },
  purchase_date: { en: 'purchase date', de: 'Kaufdatum', fr: "date d'achat", es: 'fecha de compra', nl: 'aankoopdatum' },
};

export function spokenName(kind: string, lang: string): string {
  return SPOKEN_NAMES[kind]?.[lang] ?? SPOKEN_NAMES[kind]?.en ?? kind.replace(/_/g, ' ');
}
