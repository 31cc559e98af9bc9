/**
 * The subject, for any legal name the form accepts, comes out as OpenSSL
 * makes it from `-utf8 -subj <toSubjArgument(subject)>`, byte for byte, and
 * subjectLine() prints it as `openssl req -subject` does.
 */

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCsr, encodeName } from '../../src/lib/csr';
import { importPrivateKeyPem } from '../../src/lib/keys';
import { checkLegalName, validateClientForm, type CertificateRequest } from '../../src/lib/request';
import { subjectLine, toSubjArgument, type Subject } from '../../src/lib/subject';
import { VALID_FORM, nodeCrypto, readFixture } from '../support/fixtures';
import { REQ_CONFIG, TEST_KEY, makeTempDir, openssl } from './openssl';

const chars = (text: string) => fc.constantFrom(...text);

// Legal names from everything the form accepts that OpenSSL treats specially:
// non-ASCII (escaped as \XX per UTF-8 byte), the characters that quote or
// escape a value, `/` and `+` (escaped in -subj), and 4-byte characters.
const legalName = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ') },
      { weight: 3, arbitrary: fc.integer({ min: 0x0621, max: 0x064a }).map((code) => String.fromCodePoint(code)) },
      { weight: 2, arbitrary: chars('éèüçñøåÅÉÜÇÑØßàâô') },
      { weight: 2, arbitrary: chars(`/,+"\\&;<>#='`) },
      { weight: 1, arbitrary: fc.constantFrom('😀', '🏦', '💳', '𝔸') },
    ),
    // 'medium' lets lengths reach 64; the default size keeps arrays to about 10 items.
    { minLength: 1, maxLength: 64, size: 'medium' },
  )
  .map((parts) => parts.join('').trim())
  .filter((name) => checkLegalName(name) === name);

const GENERATED = fc.sample(legalName, { seed: 2986, numRuns: 60 }).map((input, index) => ({ name: `generated #${index}`, input }));

const NAMED = [
  { name: 'Arabic', input: 'شركة المثال للتقنية المالية ذ.م.م' },
  { name: 'accents, / , + " \\ & (quoted, and / + \\ escaped in -subj)', input: 'Société / Générale, "A" + B \\ C & D' },
  { name: 'leading # (quoted by OpenSSL)', input: '#1 Fintech LLC' },
  { name: 'a lone # (OpenSSL does not quote a one-character value)', input: '#' },
  { name: '= and ; (= is not special in -subj after the first one)', input: 'A=B; C=D Holdings' },
  { name: "apostrophe and ampersand (neither quoted nor escaped)", input: "Al Ma'mun & Sons" },
  { name: '64 four-byte characters (the X.520 upper bound)', input: '🏦'.repeat(64) },
];

let dir: string;
let keys: CryptoKeyPair;
beforeAll(async () => {
  dir = makeTempDir();
  keys = await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function requestFor(legalName: string): CertificateRequest {
  const result = validateClientForm({ ...VALID_FORM, legalName, roles: ['client_transport'], extensions: 'none' });
  if (!result.ok) throw new Error(`Not a valid legal name: ${result.errors.map((error) => error.message).join(' ')}`);
  return result.requests[0]!;
}

/** What the Trust Framework command, with -utf8, makes from the test key. */
async function opensslCsr(subject: Subject, file: string): Promise<Uint8Array> {
  const subj = toSubjArgument(subject);
  await openssl('req', '-new', '-config', REQ_CONFIG, '-key', TEST_KEY, '-utf8', '-sha256', '-subj', subj, '-outform', 'DER', '-out', file);
  return new Uint8Array(readFileSync(file));
}

/** RFC 2986: CertificationRequest ::= SEQUENCE { certificationRequestInfo SEQUENCE { version, subject Name, … }, … } */
function subjectDer(csr: Uint8Array): Uint8Array {
  const { offset, result } = asn1js.fromBER(csr);
  if (offset === -1) throw new Error(`Not DER: ${result.error}`);
  const info = (result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  return info.valueBlock.value[1]!.valueBeforeDecodeView;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// A loop rather than it.each, whose $input titles are quoted and cut at 40 characters.
for (const [index, { name, input }] of [...NAMED, ...GENERATED].entries()) {
  it(`legal name, ${name}: ${input}`, async () => {
    const request = requestFor(input);
    const ours = await buildCsr(nodeCrypto, request, keys);
    const theirs = await opensslCsr(request.subject, join(dir, `${index}-openssl.der`));

    expect(hex(subjectDer(theirs))).toBe(hex(encodeName(request.subject)));
    // PKCS#1 v1.5 signatures are deterministic, so the whole CSR must match too.
    expect(hex(ours)).toBe(hex(theirs));

    const file = join(dir, `${index}-ours.der`);
    writeFileSync(file, ours);
    const escaped = await openssl('req', '-inform', 'DER', '-in', file, '-noout', '-subject');
    expect(escaped.stdout).toBe(`subject=${subjectLine(request.subject, { escapeNonAscii: true })}\n`);
    const readable = await openssl('req', '-inform', 'DER', '-in', file, '-noout', '-subject', '-nameopt', 'oneline,-esc_msb');
    expect(readable.stdout).toBe(`subject=${subjectLine(request.subject, { escapeNonAscii: false })}\n`);
  });
}
