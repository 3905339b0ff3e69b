import {
  isIban,
  isPhoneNumber,
  MASKS,
  maskContactDetails,
  maskPersonalData,
  passesLuhn,
} from './mask-personal-data';

describe('maskPersonalData', () => {
  describe('e-mail addresses', () => {
    it.each([
      ['Contact me at jane.doe+support@example.co.uk please.', 'Contact me at [email] please.'],
      ['email: JOHN_SMITH@Mail.Example.com.', 'email: [email].'],
      ['<max.mustermann@firma-gmbh.de>', '<[email]>'],
      ['cc a@b.io, b.c-d@sub.domain.example.org; x%y@test.dev', 'cc [email], [email]; [email]'],
      ['Sent from jane@example.com\nOn Monday', 'Sent from [email]\nOn Monday'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it.each(['meet @ 10am', 'ping @support on twitter', 'user@localhost', 'a@b', 'price: 5 @ 3 EUR'])(
      'leaves %j alone',
      (input) => {
        expect(maskPersonalData(input)).toBe(input);
      },
    );
  });

  describe('phone numbers', () => {
    it.each([
      ['Call me on +44 20 7946 0958', 'Call me on [phone]'],
      ['+1 (555) 123-4567 is my cell', '[phone] is my cell'],
      ['+49 30 1234567, +33 6 12 34 56 78 or +4915112345678', '[phone], [phone] or [phone]'],
      ['tel:+44 (0)20 7946 0958', 'tel:[phone]'],
      ['UK mobile 07700 900123', 'UK mobile [phone]'],
      ['Berlin office 030 1234567 or 030/1234567', 'Berlin office [phone] or [phone]'],
      ['appelez le 06 12 34 56 78 ou 06.12.34.56.78', 'appelez le [phone] ou [phone]'],
      ['mobile 0612345678', 'mobile [phone]'],
      ['(555) 123-4567, 555-123-4567, 555.123.4567', '[phone], [phone], [phone]'],
      ['toll free 1-800-555-0199', 'toll free [phone]'],
      ['from abroad 0049 30 12345678', 'from abroad [phone]'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it.each([
      'I ordered 2 items in 2026',
      'it costs 19.99 EUR, or 1 500 000 in total, or 1.234.567',
      'on 2026-03-04 at 10:30, or 04.03.2026, or 03/04/2026',
      'version 10.0.19045 on 192.168.0.1',
      'I need 3 licences for 120 users',
      'between 09.00 and 17.30',
      'room 12, floor 3, desk 45',
      'call 555 1234',
    ])('leaves %j alone', (input) => {
      expect(maskPersonalData(input)).toBe(input);
    });

    it('tells phone numbers from dates, amounts and versions', () => {
      expect(isPhoneNumber('+44 20 7946 0958')).toBe(true);
      expect(isPhoneNumber('020 7946 0958')).toBe(true);
      expect(isPhoneNumber('2026-03-04')).toBe(false);
      expect(isPhoneNumber('04 03 2026')).toBe(false);
      expect(isPhoneNumber('1 234 567')).toBe(false);
      expect(isPhoneNumber('+12')).toBe(false);
    });
  });

  describe('payment cards', () => {
    it.each([
      ['card 4111 1111 1111 1111 exp 12/27', 'card [card] exp 12/27'],
      ['4111-1111-1111-1111', '[card]'],
      ['my visa 4111111111111111.', 'my visa [card].'],
      ['amex 3782 822463 10005', 'amex [card]'],
      ['mastercard 5555555555554444', 'mastercard [card]'],
      ['4012 8888 8888 1881 12/27 cvc later', '[card] 12/27 cvc later'],
      ['2223 0031 2200 3222', '[card]'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it('keeps grouped numbers that fail Luhn (no card, and no run of six digits)', () => {
      expect(maskPersonalData('not a card 4111 1111 1111 1112')).toBe('not a card 4111 1111 1111 1112');
    });

    it('masks a long digit run that fails Luhn as a number, not a card', () => {
      expect(maskPersonalData('ref 4111111111111112')).toBe('ref [number]');
      expect(maskPersonalData('4111111111111112')).toBe('[number]');
    });

    it('implements Luhn', () => {
      expect(passesLuhn('79927398713')).toBe(true);
      expect(passesLuhn('79927398710')).toBe(false);
      expect(passesLuhn('')).toBe(false);
    });
  });

  describe('order, invoice and ticket numbers', () => {
    it.each([
      ['order 123-456-789 has not arrived', 'order [number] has not arrived'],
      ['Order #12345', 'Order #[number]'],
      ['about #12345 again', 'about [number] again'],
      ['invoice INV-2026-0042 is wrong', 'invoice [number] is wrong'],
      ['INV-2026-0042', '[number]'],
      ['ORD-99812 and TKT-4521', '[number] and [number]'],
      ['ticket no. 4521', 'ticket no. [number]'],
      ['Ticket ID: AB-123', 'Ticket ID: [number]'],
      ['tracking number 1Z999AA10123456784', 'tracking number [number]'],
      ['my account 12345678', 'my account [number]'],
      ['customer id: X7Y8Z9123', 'customer id: [number]'],
      ['Booking ref: K2L9P4', 'Booking ref: [number]'],
      ['orders 552 and 553', 'orders [number] and 553'],
      ['my number is 98765432', 'my number is [number]'],
      ['see 123456', 'see [number]'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it.each([
      'order 2 items',
      'the ticket was closed in 2026',
      'invoice for March',
      'my #1 problem',
      'the HTML entity &#12345; stays',
      'SHA-256, COVID-19, UTF-8 and MP3 are not references',
      'the order of 12 steps',
      'in case 2 fails',
      'ticket no longer works',
      'a 5-digit code 12345',
    ])('leaves %j alone', (input) => {
      expect(maskPersonalData(input)).toBe(input);
    });

    it('leaves a reference shaped like a date alone', () => {
      expect(maskPersonalData('ticket 2026-03-04 mentioned')).toBe('ticket 2026-03-04 mentioned');
    });
  });

  describe('IBANs', () => {
    it.each([
      ['IBAN DE89 3704 0044 0532 0130 00, thanks', 'IBAN [iban], thanks'],
      ['GB82WEST12345698765432', '[iban]'],
      ['fr76 3000 6000 0112 3456 7890 189', '[iban]'],
      ['NL91ABNA0417164300.', '[iban].'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it('checks mod 97', () => {
      expect(isIban('DE89 3704 0044 0532 0130 00')).toBe(true);
      expect(isIban('DE88 3704 0044 0532 0130 00')).toBe(false);
      expect(isIban('AB12')).toBe(false);
    });

    it('leaves a non-IBAN of the same shape alone', () => {
      expect(maskPersonalData('code AB12 CDEF GHIJ KLMN')).toBe('code AB12 CDEF GHIJ KLMN');
    });
  });

  describe('URLs', () => {
    it.each([
      [
        'Reset link https://app.example.com/reset?token=abc123&email=jane@example.com. Thanks',
        'Reset link https://app.example.com/reset. Thanks',
      ],
      ['(www.shop.example/orders?id=99)', '(www.shop.example/orders)'],
      ['see https://docs.example.com/export#pdf-section', 'see https://docs.example.com/export'],
      ['http://localhost:3000?debug=1, then', 'http://localhost:3000, then'],
      ['HTTPS://EXAMPLE.COM/A?B=C', 'HTTPS://EXAMPLE.COM/A'],
    ])('%j → %j', (input, expected) => {
      expect(maskPersonalData(input)).toBe(expected);
    });

    it('keeps a URL without a query, masking only what other rules find in its path', () => {
      expect(maskPersonalData('https://example.com/about')).toBe('https://example.com/about');
      expect(maskPersonalData('https://example.com/orders/98765432')).toBe(
        'https://example.com/orders/[number]',
      );
    });
  });

  it('masks a realistic message end to end', () => {
    const message = [
      'Hi, I am Jane (jane.doe@gmail.com, +44 7700 900123).',
      'My order #88812 / invoice INV-2026-0042 was charged to 4111 1111 1111 1111',
      'and the refund should go to DE89 3704 0044 0532 0130 00.',
      'The tracking page https://track.example.com/p?id=88812&mail=jane.doe@gmail.com shows nothing.',
      'I ordered 2 items on 2026-03-04 for 49.90 EUR.',
    ].join('\n');
    expect(maskPersonalData(message)).toBe(
      [
        'Hi, I am Jane ([email], [phone]).',
        'My order #[number] / invoice [number] was charged to [card]',
        'and the refund should go to [iban].',
        'The tracking page https://track.example.com/p shows nothing.',
        'I ordered 2 items on 2026-03-04 for 49.90 EUR.',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const inputs = [
      'order #12345 for jane@example.com, call +44 20 7946 0958',
      'card 4111 1111 1111 1111 12/27 iban GB82WEST12345698765432',
      'https://x.example/a?b=c#d and https://x.example/u/jane@example.com and INV-2026-0042',
      '[email] [phone] [card] [number] [iban] order [number] #[number]',
      'ticket no. 4521, 0612345678, 123456, (555) 123-4567',
    ];
    for (const input of inputs) {
      const once = maskPersonalData(input);
      expect(maskPersonalData(once)).toBe(once);
    }
  });

  it('returns text without personal data unchanged, and the empty string', () => {
    const text = 'The export to PDF fails since the last update. How do I fix it?';
    expect(maskPersonalData(text)).toBe(text);
    expect(maskPersonalData('')).toBe('');
  });

  describe('runs in linear time on adversarial input', () => {
    const N = 100_000;
    const adversarial: Record<string, string> = {
      digits: '1'.repeat(N),
      'card digits': '4'.repeat(N),
      'spaced digits': '4 '.repeat(N / 2),
      'dashed digits': '4-'.repeat(N / 2),
      'dotted digits': '1.'.repeat(N / 2),
      'spaced zeros': '0 '.repeat(N / 2),
      letters: 'a'.repeat(N),
      'at signs': 'a@'.repeat(N / 2),
      'one long domain': 'a@' + 'a.'.repeat(N / 2),
      'dashed domain': 'x@' + 'a-'.repeat(N / 2),
      'long local parts': ('x'.repeat(60) + '@').repeat(Math.floor(N / 61)),
      'plus groups': '+1 '.repeat(Math.floor(N / 3)),
      parentheses: '(1) '.repeat(N / 4),
      'keyword then spaces': 'order' + ' '.repeat(N) + 'x',
      keywords: 'order no '.repeat(Math.floor(N / 9)),
      'keyword then letters': 'ticket ' + 'a'.repeat(N),
      'url with huge query': 'http://' + 'a'.repeat(N) + '?' + 'b'.repeat(N),
      'iban-like run': 'DE89 ' + '3704 '.repeat(N / 5),
      hashes: '#1'.repeat(N / 2),
      'prefixed codes': 'AB-1-'.repeat(N / 5),
      mixture: 'Aa1-. @+#/('.repeat(Math.floor(N / 11)),
    };
    it.each(Object.keys(adversarial))('%s (100 KB)', (name) => {
      const started = performance.now();
      maskPersonalData(adversarial[name]);
      // A guard against catastrophic backtracking, not a speed figure: a quadratic pattern takes tens of
      // seconds here, a linear one milliseconds, so the bound is loose enough for a busy machine.
      expect(performance.now() - started).toBeLessThan(2_000);
    });
  });
});

describe('maskContactDetails', () => {
  it('masks e-mail addresses and phone numbers, and keeps references for the classifier', () => {
    expect(
      maskContactDetails('Write to jane.doe@example.com or call +44 20 7946 0958 about order 123-456-789.'),
    ).toBe(`Write to ${MASKS.email} or call ${MASKS.phone} about order 123-456-789.`);
  });

  it('drops query strings, where e-mails and tokens hide', () => {
    expect(maskContactDetails('see https://shop.example/track?email=jane@example.com')).toBe(
      'see https://shop.example/track',
    );
  });
});
