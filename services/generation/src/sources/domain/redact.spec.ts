import { luhnValid, redactPersonalData } from './redact';

describe('redactPersonalData', () => {
  it('replaces email addresses', () => {
    expect(redactPersonalData('Mail me at jane.doe+shop@example.co.uk please')).toBe('Mail me at [email] please');
    expect(redactPersonalData('two: a@b.io, c_d@mail.example.com.')).toBe('two: [email], [email].');
  });

  it.each([
    ['+44 20 7946 0958', '[phone]'],
    ['+1 (555) 123-4567', '[phone]'],
    ['+31612345678', '[phone]'],
    ['(020) 7946 0958', '[phone]'],
    ['555-123-4567', '[phone]'],
    ['06 12 34 56 78', '[phone]'],
    ['0612345678', '[phone]'],
    ['555.123.4567', '[phone]'],
  ])('replaces the phone number %s', (phone, expected) => {
    expect(redactPersonalData(`Call me on ${phone}, thanks.`)).toBe(`Call me on ${expected}, thanks.`);
  });

  it.each(['4111 1111 1111 1111', '4111-1111-1111-1111', '5500005555555559', '378282246310005'])('replaces the Luhn-valid card number %s', (card) => {
    expect(redactPersonalData(`My card is ${card}.`)).toBe('My card is [card].');
  });

  it('leaves card-like numbers that fail the Luhn check', () => {
    expect(redactPersonalData('Reference 4111 1111 1111 1112 here')).toBe('Reference 4111 1111 1111 1112 here');
  });

  it.each([
    'My order DG-882341 has not arrived',
    'Order #882341 was placed on 2024-03-15',
    'It was delivered on 15/03/2024 at 10:30',
    'Shipped 2024-03-15T10:30:00Z via DHL',
    'I paid 129.99 for 2 items, order 4412',
    'Invoice INV-2024-00017 and SKU AB-12345-XL',
  ])('keeps ordinary text: %s', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('handles all three in one text', () => {
    expect(redactPersonalData('jane@example.com / +44 7700 900123 / 4242 4242 4242 4242 / order DG-882341')).toBe(
      '[email] / [phone] / [card] / order DG-882341',
    );
  });

  it('checks Luhn digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});
