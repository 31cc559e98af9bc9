import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDnsName, parseDnsNames, type DnsName, type DnsProblem } from '../../src/lib/dns';

const NO_URL = 'A DNS name is like api.bank.ae, with no scheme, port or path.';
const LABEL_RULE = 'Each label (the parts between dots) must be 1 to 63 characters.';
const WILDCARD_RULE = 'A wildcard must be the whole first label, followed by at least two labels, like *.bank.ae.';
const CHARACTERS = 'A DNS name may contain only letters, digits, hyphens and dots, like api.bank.ae.';
const IP = "an IP address is not a DNS name. Enter the server's DNS name, like api.bank.ae.";
const IDN = "is not a valid internationalised domain name; check its spelling, or enter the xn-- form your DNS provider shows.";

const invalid = (message: string): DnsProblem => ({ code: 'dns-name-invalid', field: 'dnsNames', message });
/** A problem in a list of names: with the name as typed and its line. */
const listed = (message: string, value: string, line: number): DnsProblem => ({ ...invalid(message), params: { value, line: String(line) } });
const same = (ascii: string): DnsName => ({ ascii, unicode: ascii });

// Lengths at the limits: labels of 63 and 64, names of 253 and 254 characters.
const a63 = 'a'.repeat(63);
const a64 = 'a'.repeat(64);
const name253 = `${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
const name254 = `${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`;
// Punycode computed with node's url.domainToASCII and checked with Python's
// ('a' * 55 + 'ü').encode('punycode') and idna.encode(…, uts46=True).
const idnLabel63 = `${'a'.repeat(55)}ü`; // xn--…-8yf, 63 characters
const idnLabel64 = `${'a'.repeat(56)}ü`; // xn--…-t2f, 64 characters
const idnName254 = `${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'a'.repeat(54)}ü`; // 254 as punycode

describe('checkDnsName accepts', () => {
  it.each<{ name: string; input: string; want: DnsName }>([
    { name: 'plain', input: 'api.bank.ae', want: same('api.bank.ae') },
    { name: 'two labels', input: 'bank.ae', want: same('bank.ae') },
    { name: 'digits and inner hyphens', input: 'open-banking-2.api1.bank.ae', want: same('open-banking-2.api1.bank.ae') },
    { name: 'uppercase normalised', input: 'API.Bank.AE', want: same('api.bank.ae') },
    { name: 'surrounding spaces dropped', input: ' \tapi.bank.ae\n', want: same('api.bank.ae') },
    { name: 'wildcard', input: '*.hub.bank.ae', want: same('*.hub.bank.ae') },
    { name: 'wildcard over two labels', input: '*.bank.ae', want: same('*.bank.ae') },
    {
      name: 'IDN Arabic',
      input: 'بنك.امارات',
      want: { ascii: 'xn--ngb8ci.xn--mgbaam7a8h', unicode: 'بنك.امارات' },
    },
    {
      name: 'IDN Latin',
      input: 'bücher.example.ae',
      want: { ascii: 'xn--bcher-kva.example.ae', unicode: 'bücher.example.ae' },
    },
    {
      name: 'IDN Latin uppercase, shown in lowercase',
      input: 'BÜCHER.Example.AE',
      want: { ascii: 'xn--bcher-kva.example.ae', unicode: 'bücher.example.ae' },
    },
    { name: 'IDN wildcard', input: '*.bücher.ae', want: { ascii: '*.xn--bcher-kva.ae', unicode: '*.bücher.ae' } },
    { name: 'punycode typed as such', input: 'xn--bcher-kva.example.ae', want: same('xn--bcher-kva.example.ae') },
    { name: 'label of 63', input: `${a63}.bank.ae`, want: same(`${a63}.bank.ae`) },
    {
      name: 'IDN label of 63 as punycode',
      input: `${idnLabel63}.bank.ae`,
      want: { ascii: `xn--${'a'.repeat(55)}-8yf.bank.ae`, unicode: `${idnLabel63}.bank.ae` },
    },
    { name: 'name of 253', input: name253, want: same(name253) },
  ])('$name', ({ input, want }) => {
    expect(checkDnsName(input)).toEqual(want);
  });
});

describe('checkDnsName refuses', () => {
  it.each<{ name: string; input: string; want: DnsProblem }>([
    { name: 'empty', input: '  ', want: invalid('Enter a DNS name, like api.bank.ae.') },
    {
      name: 'scheme',
      input: 'https://api.bank.ae',
      want: invalid(`"https://api.bank.ae" has a scheme; remove "https://". ${NO_URL}`),
    },
    { name: 'port', input: 'api.bank.ae:443', want: invalid(`"api.bank.ae:443" has a port; remove ":443". ${NO_URL}`) },
    {
      name: 'port before a path',
      input: 'api.bank.ae:8443/open-banking',
      want: invalid(`"api.bank.ae:8443/open-banking" has a port; remove ":8443". ${NO_URL}`),
    },
    {
      name: 'path',
      input: 'api.bank.ae/open-banking',
      want: invalid(`"api.bank.ae/open-banking" has a path; remove "/open-banking". ${NO_URL}`),
    },
    {
      name: 'OpenSSL DNS: prefix',
      input: 'DNS:api.bank.ae',
      want: invalid('"DNS:api.bank.ae" starts with "DNS:"; remove it. Enter only the name, like api.bank.ae.'),
    },
    {
      name: 'trailing dot',
      input: 'api.bank.ae.',
      want: invalid('"api.bank.ae." ends with a dot; remove it. Write the name like api.bank.ae.'),
    },
    {
      name: 'leading dot',
      input: '.bank.ae',
      want: invalid('".bank.ae" starts with a dot; remove it. Write the name like api.bank.ae.'),
    },
    { name: 'empty label', input: 'api..bank.ae', want: invalid(`"api..bank.ae" has two dots in a row; remove one. ${LABEL_RULE}`) },
    { name: 'IPv4', input: '10.0.0.1', want: invalid(`"10.0.0.1" is an IP address, and ${IP}`) },
    { name: 'IPv4 shorthand the URL parser accepts', input: '0x7f.1', want: invalid(`"0x7f.1" is an IP address, and ${IP}`) },
    { name: 'IPv4 in full-width digits', input: '１０.０.０.１', want: invalid(`"１０.０.０.１" is an IP address, and ${IP}`) },
    { name: 'IPv6', input: '::1', want: invalid(`"::1" is an IP address, and ${IP}`) },
    { name: 'IPv6 with brackets and port', input: '[2001:db8::1]:443', want: invalid(`"[2001:db8::1]:443" is an IP address, and ${IP}`) },
    {
      name: 'numeric last label',
      input: 'api.123',
      want: invalid('"api.123" ends with "123", which reads as a number; the last label must contain a letter, like api.bank.ae.'),
    },
    {
      name: 'space inside',
      input: 'api bank.ae',
      want: invalid('"api bank.ae" contains a space; remove it. A DNS name is one word with dots, like api.bank.ae.'),
    },
    {
      name: 'underscore',
      input: '_acme.bank.ae',
      want: invalid(
        '"_acme.bank.ae" contains an underscore; remove it or use a hyphen. Host names in certificates use only letters, digits, hyphens and dots.',
      ),
    },
    { name: 'colon that is not a port', input: 'api:bank.ae', want: invalid(`"api:bank.ae" contains ":"; remove it. ${CHARACTERS}`) },
    { name: 'percent escape', input: 'api%2ebank.ae', want: invalid(`"api%2ebank.ae" contains "%"; remove it. ${CHARACTERS}`) },
    { name: 'invisible character', input: 'api\u200b.bank.ae', want: invalid(`"api\u200b.bank.ae" contains U+200B; remove it. ${CHARACTERS}`) },
    { name: 'ideographic full stop', input: 'api。bank.ae', want: invalid(`"api。bank.ae" contains "。"; remove it. ${CHARACTERS}`) },
    {
      name: 'leading hyphen',
      input: '-api.bank.ae',
      want: invalid(
        '"-api.bank.ae" has a label that starts or ends with a hyphen ("-api"); remove the hyphen. A hyphen may only be inside a label, as in open-banking.bank.ae.',
      ),
    },
    {
      name: 'trailing hyphen',
      input: 'api.bank-.ae',
      want: invalid(
        '"api.bank-.ae" has a label that starts or ends with a hyphen ("bank-"); remove the hyphen. A hyphen may only be inside a label, as in open-banking.bank.ae.',
      ),
    },
    {
      name: 'localhost',
      input: 'localhost',
      want: invalid('"localhost" is not a fully qualified name; enter the full name, like api.bank.ae.'),
    },
    { name: 'single label', input: 'api', want: invalid('"api" is not a fully qualified name; enter the full name, like api.bank.ae.') },
    { name: 'wildcard alone', input: '*', want: invalid(`"*" has a "*" in the wrong place. ${WILDCARD_RULE}`) },
    { name: 'wildcard inside a label', input: 'a*.bank.ae', want: invalid(`"a*.bank.ae" has a "*" in the wrong place. ${WILDCARD_RULE}`) },
    { name: 'two wildcards', input: '*.*.bank.ae', want: invalid(`"*.*.bank.ae" has a "*" in the wrong place. ${WILDCARD_RULE}`) },
    { name: 'wildcard over a TLD', input: '*.ae', want: invalid(`"*.ae" has too few labels after the wildcard. ${WILDCARD_RULE}`) },
    { name: 'invalid punycode', input: 'xn--a.bank.ae', want: invalid(`"xn--a.bank.ae" ${IDN}`) },
    { name: 'letter UTS #46 disallows', input: 'ﷺ.bank.ae', want: invalid(`"ﷺ.bank.ae" ${IDN}`) },
    {
      name: 'label of 64',
      input: `${a64}.bank.ae`,
      want: invalid(`"${a64}.bank.ae" has a label of 64 characters; shorten it. ${LABEL_RULE}`),
    },
    {
      name: 'IDN label of 64 as punycode',
      input: `${idnLabel64}.bank.ae`,
      want: invalid(`"${idnLabel64}.bank.ae" has a label of 64 characters as punycode (xn--${'a'.repeat(56)}-t2f); shorten it. ${LABEL_RULE}`),
    },
    {
      name: 'name of 254',
      input: name254,
      want: invalid(`"${name254}" is 254 characters long; shorten it. A DNS name may be at most 253 characters.`),
    },
    {
      name: 'IDN name of 254 as punycode',
      input: idnName254,
      want: invalid(
        `"${idnName254}" is 254 characters long as punycode (${a63}.${'b'.repeat(63)}.${'c'.repeat(63)}.xn--${'a'.repeat(54)}-ovf); shorten it. A DNS name may be at most 253 characters.`,
      ),
    },
  ])('$name', ({ input, want }) => {
    expect(checkDnsName(input)).toEqual(want);
  });
});

describe('parseDnsNames', () => {
  it.each<{ name: string; input: string; want: ReturnType<typeof parseDnsNames> }>([
    {
      name: 'nothing given',
      input: ' ,\n\t, ',
      want: {
        names: [],
        problems: [
          {
            code: 'dns-names-required',
            field: 'dnsNames',
            message: 'Enter at least one DNS name for the server transport certificate, like api.bank.ae.',
          },
        ],
      },
    },
    {
      name: 'split on commas, spaces and newlines',
      input: 'api.bank.ae, *.hub.bank.ae\r\nbücher.example.ae,,auth.bank.ae',
      want: {
        names: [
          same('api.bank.ae'),
          same('*.hub.bank.ae'),
          { ascii: 'xn--bcher-kva.example.ae', unicode: 'bücher.example.ae' },
          same('auth.bank.ae'),
        ],
        problems: [],
      },
    },
    {
      name: 'duplicates, as typed and after conversion, kept once',
      input: 'api.bank.ae API.bank.ae bücher.ae xn--bcher-kva.ae api.bank.ae',
      want: {
        names: [same('api.bank.ae'), { ascii: 'xn--bcher-kva.ae', unicode: 'bücher.ae' }],
        problems: [
          listed('"API.bank.ae" is the same name as "api.bank.ae"; remove one.', 'API.bank.ae', 1),
          listed('"xn--bcher-kva.ae" is the same name as "bücher.ae"; remove one.', 'xn--bcher-kva.ae', 1),
          listed('"api.bank.ae" is listed twice; remove one.', 'api.bank.ae', 1),
        ],
      },
    },
    {
      name: 'bad names reported, good ones kept',
      input: 'https://api.bank.ae\nauth.bank.ae localhost',
      want: {
        names: [same('auth.bank.ae')],
        problems: [
          listed(`"https://api.bank.ae" has a scheme; remove "https://". ${NO_URL}`, 'https://api.bank.ae', 1),
          listed('"localhost" is not a fully qualified name; enter the full name, like api.bank.ae.', 'localhost', 2),
        ],
      },
    },
  ])('$name', ({ input, want }) => {
    expect(parseDnsNames(input)).toEqual(want);
  });
});

describe('properties', () => {
  const ACCEPTED = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  // Name-like strings, from the characters names and their mistakes are made of, so that many are accepted.
  const unit = fc.oneof(
    { arbitrary: fc.constantFrom(...'abcxyz09-.ÜüßبنكİＡ１'), weight: 30 },
    { arbitrary: fc.constantFrom(...'*_:/ %。\u0301\u034f\u200d'), weight: 1 },
  );
  const label = fc.string({ unit, minLength: 1, maxLength: 70 });
  const nameLike = fc
    .tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 5 }))
    .map(([wildcard, labels]) => (wildcard ? '*.' : '') + labels.join('.'));
  const input = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.domain(), nameLike);

  it('never throws; an accepted name is LDH labels of at most 63, within 253 characters', () => {
    fc.assert(
      fc.property(input, (text) => {
        const result = checkDnsName(text);
        if ('code' in result) {
          expect(result).toEqual({ code: 'dns-name-invalid', field: 'dnsNames', message: expect.any(String) });
        } else {
          expect(result.ascii).toMatch(ACCEPTED);
          expect(result.ascii.length).toBeLessThanOrEqual(253);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('an accepted name is accepted again, unchanged, in its ASCII form', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), nameLike), (text) => {
        const result = checkDnsName(text);
        if ('code' in result) return;
        expect(checkDnsName(result.ascii)).toEqual({ ascii: result.ascii, unicode: result.ascii });
      }),
    );
  });

  it('names joined with commas and newlines parse back to the same names', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.domain(), { minLength: 1, maxLength: 8 }), fc.constantFrom(', ', '\n', ' '), (domains, separator) => {
        expect(parseDnsNames(domains.join(separator))).toEqual({ names: domains.map(same), problems: [] });
      }),
    );
  });
});
