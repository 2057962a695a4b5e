import type { Lang } from './language';

/** Fixed lines the offline simulated customer says, per language. */
export interface CustomerPhrases {
  greeting: string;
  askHuman: string;
  insistHuman: string;
  escalate: string;
  closing: string;
  closingConfirmLink: string;
  closingHandedOff: string;
  closingUnanswered: string;
  gaveUp: string;
  stillWaiting: (request: string) => string;
  giveFacts: (parts: string[], repeated: boolean) => string;
  factPart: (name: string, value: string) => string;
  dontHave: (names: string[]) => string;
  refuse: (name: string, until: string) => string;
}

const list = (parts: string[], and: string) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`);

export const PHRASES: Record<Lang, CustomerPhrases> = {
  en: {
    greeting: 'Hi!',
    askHuman: "I'd like to speak to a human, please.",
    insistHuman: 'I insist: please connect me to a human agent now.',
    escalate: 'Can you escalate my case to a colleague, please?',
    closing: "Thanks, that's everything I needed. Bye!",
    closingConfirmLink: "Got it, I've received the tracking link. Thank you, bye!",
    closingHandedOff: 'Thank you, I will wait for your colleague.',
    closingUnanswered: "Okay, thanks anyway. That's all, bye.",
    gaveUp: "This isn't getting anywhere. I'll try another way. Goodbye.",
    stillWaiting: (request) => `Sorry, that doesn't answer my question. ${request}`,
    giveFacts: (parts, repeated) => `${repeated ? 'As I said, ' : 'Sure: '}${list(parts, 'and')}.`,
    factPart: (name, value) => `my ${name} is ${value}`,
    dontHave: (names) => `Sorry, I don't have my ${list(names, 'or')} at hand.`,
    refuse: (name, until) => `I won't give you my ${name} until ${until}.`,
  },
  de: {
    greeting: 'Hallo!',
    askHuman: 'Ich möchte bitte mit einem Menschen sprechen.',
    insistHuman: 'Ich bestehe darauf: Bitte verbinden Sie mich jetzt mit einem Mitarbeiter.',
    escalate: 'Können Sie meinen Fall bitte an einen Mitarbeiter weitergeben?',
    closing: 'Danke, das war alles, was ich brauchte. Tschüss!',
    closingConfirmLink: 'Danke, ich habe den Sendungsverfolgungslink erhalten. Tschüss!',
    closingHandedOff: 'Danke, ich warte auf Ihren Kollegen.',
    closingUnanswered: 'Okay, trotzdem danke. Das war alles.',
    gaveUp: 'So kommen wir nicht weiter. Ich versuche es anders. Auf Wiedersehen.',
    stillWaiting: (request) => `Das beantwortet meine Frage leider nicht. ${request}`,
    giveFacts: (parts, repeated) => `${repeated ? 'Wie gesagt: ' : 'Gern: '}${list(parts, 'und')}.`,
    factPart: (name, value) => `${name} ${value}`,
    dontHave: (names) => `${list(names, 'oder')} habe ich leider nicht zur Hand.`,
    refuse: (name, until) => `Die ${name} bekommen Sie erst, wenn ${until}.`,
  },
  fr: {
    greeting: 'Bonjour !',
    askHuman: 'Je voudrais parler à un humain, s’il vous plaît.',
    insistHuman: 'J’insiste : mettez-moi en relation avec un conseiller maintenant.',
    escalate: 'Pouvez-vous transmettre mon dossier à un conseiller, s’il vous plaît ?',
    closing: 'Merci, c’est tout ce qu’il me fallait. Au revoir !',
    closingConfirmLink: 'Merci, j’ai bien reçu le lien de suivi. Au revoir !',
    closingHandedOff: 'Merci, j’attends votre collègue.',
    closingUnanswered: 'D’accord, merci quand même. C’est tout.',
    gaveUp: 'Cela ne mène à rien. Je vais essayer autrement. Au revoir.',
    stillWaiting: (request) => `Cela ne répond pas à ma question. ${request}`,
    giveFacts: (parts, repeated) => `${repeated ? 'Comme je l’ai dit : ' : 'Bien sûr : '}${list(parts, 'et')}.`,
    factPart: (name, value) => `${name} ${value}`,
    dontHave: (names) => `Je n’ai pas ${list(names, 'ni')} sous la main, désolé.`,
    refuse: (name, until) => `Je ne donnerai pas mon ${name} tant que ${until}.`,
  },
  es: {
    greeting: '¡Hola!',
    askHuman: 'Quiero hablar con una persona, por favor.',
    insistHuman: 'Insisto: páseme ahora con un agente humano.',
    escalate: '¿Puede escalar mi caso a un compañero, por favor?',
    closing: 'Gracias, eso es todo lo que necesitaba. ¡Adiós!',
    closingConfirmLink: 'Gracias, ya tengo el enlace de seguimiento. ¡Adiós!',
    closingHandedOff: 'Gracias, espero a su compañero.',
    closingUnanswered: 'Vale, gracias de todos modos. Eso es todo.',
    gaveUp: 'Así no avanzamos. Lo intentaré de otra manera. Adiós.',
    stillWaiting: (request) => `Eso no responde a mi pregunta. ${request}`,
    giveFacts: (parts, repeated) => `${repeated ? 'Como ya dije: ' : 'Claro: '}${list(parts, 'y')}.`,
    factPart: (name, value) => `${name} ${value}`,
    dontHave: (names) => `No tengo ${list(names, 'ni')} a mano, lo siento.`,
    refuse: (name, until) => `No le daré mi ${name} hasta que ${until}.`,
  },
  nl: {
    greeting: 'Hallo!',
    askHuman: 'Ik wil graag met een medewerker spreken.',
    insistHuman: 'Ik sta erop: verbind me nu met een medewerker.',
    escalate: 'Kunt u mijn zaak doorzetten naar een collega?',
    closing: 'Bedankt, dat is alles wat ik nodig had. Doei!',
    closingConfirmLink: 'Bedankt, ik heb de track-and-trace-link ontvangen. Doei!',
    closingHandedOff: 'Bedankt, ik wacht op uw collega.',
    closingUnanswered: 'Oké, toch bedankt. Dat was het.',
    gaveUp: 'Zo komen we niet verder. Ik probeer het op een andere manier. Tot ziens.',
    stillWaiting: (request) => `Dat is geen antwoord op mijn vraag. ${request}`,
    giveFacts: (parts, repeated) => `${repeated ? 'Zoals ik al zei: ' : 'Natuurlijk: '}${list(parts, 'en')}.`,
    factPart: (name, value) => `${name} ${value}`,
    dontHave: (names) => `Mijn ${list(names, 'of')} heb ik helaas niet bij de hand.`,
    refuse: (name, until) => `U krijgt mijn ${name} pas als ${until}.`,
  },
};
