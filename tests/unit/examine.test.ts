import { execFileSync } from 'node:child_process';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { Attribute, Certificate, CertificationRequest, Extension, Extensions } from 'pkijs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/lib/errors';
import { examine, type DroppedFile, type ExaminationResult } from '../../src/lib/examine';
import { readPemOrDer } from '../../src/lib/sniff';
import { OID } from '../../src/lib/oid';
import { toPem } from '../../src/lib/pem';
import { FIXTURES, fixtureBytes as bytes, nodeCrypto } from '../support/fixtures';

const utf8 = (value: string) => new TextEncoder().encode(value);
const file = (name: string, content: Uint8Array): DroppedFile => ({ name, size: content.length, bytes: new Uint8Array(content) });
const NOW = new Date('2026-06-01T00:00:00Z');

const CERTIFICATE = bytes('checklist/certificate.pem');
const CERTIFICATE_DER = bytes('checklist/certificate.der');
const KEY = bytes('test-key.pem');
const CSR = bytes('golden/client_transport.csr');

/** The fixture certificate with its tbsCertificate changed by `change`, re-encoded (its signature no longer verifies: nothing here checks it). */
function alteredCertificate(change: (certificate: Certificate) => void): Uint8Array {
  const certificate = Certificate.fromBER(CERTIFICATE_DER);
  change(certificate);
  return new Uint8Array(certificate.toSchema(true).toBER());
}

/** A subjectAltName extension whose GeneralNames holds `names` as they are. */
function subjectAltName(...names: asn1js.BaseBlock[]): Extension {
  return new Extension({ extnID: OID.subjectAltName, critical: false, extnValue: new asn1js.Sequence({ value: names }).toBER() });
}

const dnsName = (value: Uint8Array) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: value });

async function run(...files: DroppedFile[]): Promise<ExaminationResult> {
  return examine(nodeCrypto, files, NOW);
}

const summary = ({ examination }: ExaminationResult) => ({
  pairs: examination.pairs.map((pair) => pair.certificate.fileNames),
  csrs: examination.csrs.map((csr) => csr.fileNames),
  keys: examination.keys,
  problems: examination.problems.map((problem) => [problem.code, problem.fileName]),
});

describe('examine: one bad file never hides the others (issue 13, item 7)', () => {
  const good = file('good.pem', CERTIFICATE);
  const cases: { name: string; bad: () => DroppedFile; code: string }[] = [
    { name: 'DER 18 01 41 (a GeneralizedTime "A")', bad: () => file('bad.der', Uint8Array.of(0x18, 0x01, 0x41)), code: 'file-unsupported' },
    {
      name: 'a certificate whose public key is an INTEGER',
      bad: () =>
        file(
          'bad.der',
          alteredCertificate((certificate) => {
            certificate.subjectPublicKeyInfo.subjectPublicKey = new asn1js.BitString({ valueHex: new asn1js.Integer({ value: 5 }).toBER() });
          }),
        ),
      code: 'file-malformed',
    },
    {
      name: 'a certificate with a constructed [2] name in its SAN',
      bad: () =>
        file(
          'bad.der',
          alteredCertificate((certificate) => {
            const constructed = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 2 }, value: [new asn1js.Integer({ value: 1 })] });
            certificate.extensions = [...(certificate.extensions ?? []), subjectAltName(constructed)];
          }),
        ),
      code: 'none: read, the name shown as unsupported',
    },
  ];
  it.each(cases)('$name', async ({ bad, code }) => {
    const result = await run(good, bad());
    expect(result.examination.pairs.map((pair) => pair.certificate.fileName)).toContain('good.pem');
    if (code.startsWith('none')) expect(result.examination.problems).toEqual([]);
    else expect(result.examination.problems.map((problem) => [problem.code, problem.fileName])).toEqual([[code, 'bad.der']]);
  });

  it('a certificate with a 200 KB DNS name in its SAN is read, without overflowing the stack', async () => {
    const long = new Uint8Array(200_000).fill(0x61);
    const der = alteredCertificate((certificate) => {
      certificate.extensions = [...(certificate.extensions ?? []).filter((e) => e.extnID !== OID.subjectAltName), subjectAltName(dnsName(long))];
    });
    const { examination } = await run(file('long.der', der));
    expect(examination.problems).toEqual([]);
    expect(examination.pairs[0]!.certificate.dnsNames).toEqual(['a'.repeat(200_000)]);
  });

  it('a CSR whose extension request is not Extensions gets its own problem; the certificate beside it still shows', async () => {
    const csr = CertificationRequest.fromBER(bytes('checklist/client_transport.csr.der'));
    csr.attributes = [new Attribute({ type: OID.extensionRequest, values: [new asn1js.Integer({ value: 7 })] })];
    const bad = new Uint8Array(csr.toSchema(true).toBER());
    const { examination } = await run(good, file('bad.csr', bad));
    expect(examination.pairs.map((pair) => pair.certificate.fileName)).toEqual(['good.pem']);
    expect(examination.problems.map((problem) => [problem.code, problem.fileName])).toEqual([['file-malformed', 'bad.csr']]);
    expect(examination.problems[0]!.message).toBe(
      '"bad.csr": the CSR in it cannot be read: its contents are damaged or not what the standard allows. Download or copy it again.',
    );
  });

  it('an extension request with an extension that is not a SEQUENCE is one problem too', async () => {
    const csr = CertificationRequest.fromBER(bytes('checklist/client_transport.csr.der'));
    const extensions = new Extensions({ extensions: [] }).toSchema();
    (extensions as asn1js.Sequence).valueBlock.value.push(new asn1js.Null());
    csr.attributes = [new Attribute({ type: OID.extensionRequest, values: [extensions] })];
    const { examination } = await run(good, file('bad.csr', new Uint8Array(csr.toSchema(true).toBER())));
    expect(examination.pairs).toHaveLength(1);
    expect(examination.problems.map((problem) => problem.fileName)).toEqual(['bad.csr']);
  });
});

describe('examine: the same object twice is shown once, with every file it came from', () => {
  it.each([
    { name: 'the same certificate twice in one .pem', files: () => [file('twice.pem', utf8(new TextDecoder().decode(CERTIFICATE).repeat(2)))], want: [['twice.pem']] },
    { name: 'the same certificate in two files', files: () => [file('a.pem', CERTIFICATE), file('b.crt', CERTIFICATE_DER)], want: [['a.pem', 'b.crt']] },
  ])('$name', async ({ files, want }) => {
    const result = await run(...files());
    expect(summary(result).pairs).toEqual(want);
    expect(result.examination.problems).toEqual([]);
  });

  it('the same CSR and the same key twice: one CSR, one key', async () => {
    const result = await run(file('a.csr', CSR), file('b.csr', CSR), file('a.key', KEY), file('b.key', KEY));
    expect(summary(result)).toEqual({ pairs: [], csrs: [['a.csr', 'b.csr']], keys: [], problems: [] });
    expect([...result.privateKeys.keys()]).toHaveLength(1);
  });
});

describe('examine: private keys stay apart from what the page gets', () => {
  it('the examination names the key by id; the PEM is only in privateKeys', async () => {
    // The PKCS#1 file holds the same key: one key, from two files.
    const result = await run(file('c.pem', CERTIFICATE), file('c.key', KEY), file('c-pkcs1.key', bytes('checklist/test-key-pkcs1.pem')));
    const pair = result.examination.pairs[0]!;
    expect(pair.key).toEqual({ id: expect.stringMatching(/^[0-9a-f]{64}$/), fileName: 'c.key', fileNames: ['c.key', 'c-pkcs1.key'] });
    const keyLines = new TextDecoder().decode(KEY).split('\n').slice(1, -2);
    const page = JSON.stringify(result.examination);
    expect(page).not.toContain('PRIVATE KEY');
    expect(keyLines.filter((line) => page.includes(line))).toEqual([]);
    expect(result.privateKeys.get(pair.key!.id)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('a key with no certificate is listed by file name only', async () => {
    const { examination, privateKeys } = await run(file('lonely.key', KEY));
    expect(examination.keys).toEqual(['lonely.key']);
    expect(JSON.stringify(examination)).not.toContain('PRIVATE KEY');
    expect(privateKeys.size).toBe(1);
  });
});

describe('examine: fuzz (10,000 runs each)', () => {
  const CODES = new Set<string>(ERROR_CODES);
  const pemLike = fc
    .array(
      fc.oneof(
        fc.constantFrom('-----BEGIN CERTIFICATE-----\n', '-----END CERTIFICATE-----\n', '-----BEGIN PRIVATE KEY-----\n', '-----END PRIVATE KEY-----\n'),
        fc.constantFrom('-----BEGIN CERTIFICATE REQUEST-----\n', '-----END CERTIFICATE REQUEST-----\n', 'Proc-Type: 4,ENCRYPTED\n', 'MIIB', '\n'),
        fc.base64String({ maxLength: 120 }),
        fc.string({ maxLength: 30 }),
      ),
      { maxLength: 40 },
    )
    .map((pieces) => utf8(pieces.join('')));
  const derLike = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    // A real DER with bytes changed: mostly valid structure, broken in one place.
    fc.tuple(fc.nat(CERTIFICATE_DER.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(40)).map(([at, byte, cut]) => {
      const copy = CERTIFICATE_DER.slice(0, CERTIFICATE_DER.length - cut);
      copy[at % copy.length] = byte;
      return copy;
    }),
  );

  it('readPemOrDer only returns typed results, each under 1 s, over arbitrary bytes and PEM-like text', () => {
    fc.assert(
      fc.property(fc.oneof(pemLike, derLike), (input) => {
        const started = performance.now();
        const read = readPemOrDer(input, 'x.pem');
        if (!read.ok) expect(CODES.has(read.problem.code)).toBe(true);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);

  it('examine never throws: each input gives results or typed problems, each under 1 s', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(pemLike, derLike), async (input) => {
        const started = performance.now();
        const { examination } = await run(file('x.der', input));
        for (const problem of examination.problems) expect(CODES.has(problem.code)).toBe(true);
        expect(examination.problems.length + examination.pairs.length + examination.csrs.length + examination.keys.length).toBeGreaterThan(0);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('beside a bad input, a good certificate is always shown (200 runs: each reads and checks the good one too)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(pemLike, derLike), async (input) => {
        const { examination } = await run(file('good.pem', CERTIFICATE), file('x.der', input));
        expect(examination.pairs.some((pair) => pair.certificate.fileNames.includes('good.pem'))).toBe(true);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});

describe('examine: limits', () => {
  it('a 5 MiB file of unclosed BEGIN lines is refused in well under a second', async () => {
    const text = '-----BEGIN CERTIFICATE-----\n'.repeat(Math.floor((5 * 1024 * 1024) / 28));
    const started = performance.now();
    const { examination } = await run(file('begins.pem', utf8(text)), file('good.pem', CERTIFICATE));
    expect(summary({ examination, privateKeys: new Map() })).toEqual({
      pairs: [['good.pem']],
      csrs: [],
      keys: [],
      problems: [['file-malformed', 'begins.pem']],
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a PEM of the same certificate many times is one card', async () => {
    const pem = toPem('CERTIFICATE', CERTIFICATE_DER);
    const { examination } = await run(file('many.pem', utf8(pem.repeat(64))));
    expect(examination.pairs).toHaveLength(1);
  });

  it('a PEM of 5 MiB of certificates is refused before any is parsed, in well under a second', async () => {
    const pem = toPem('CERTIFICATE', CERTIFICATE_DER);
    const started = performance.now();
    const { examination } = await run(file('bundle.pem', utf8(pem.repeat(Math.floor((5 * 1024 * 1024) / pem.length)))));
    expect(examination.problems.map((problem) => problem.code)).toEqual(['pem-too-many-blocks']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('examine: a certificate whose private key is in an HSM or KMS (issue 15)', () => {
  const publicKeyPem = utf8(execFileSync('openssl', ['pkey', '-in', `${FIXTURES}test-key.pem`, '-pubout'], { encoding: 'utf8' }));
  const publicKeyDer = new Uint8Array(execFileSync('openssl', ['pkey', '-in', `${FIXTURES}test-key.pem`, '-pubout', '-outform', 'DER']));

  it.each([
    { name: 'a PEM public key', input: file('signing.public-key.pem', publicKeyPem) },
    { name: 'a DER public key, as pkcs11-tool writes it', input: file('signing.public-key.der', publicKeyDer) },
  ])('pairs with $name, with no private key', async ({ input }) => {
    const { examination, privateKeys } = await run(file('signing.pem', CERTIFICATE), input);
    expect(examination.problems).toEqual([]);
    expect(examination.pairs.map((pair) => [pair.key, pair.publicKey?.fileName])).toEqual([[undefined, input.name]]);
    expect(privateKeys.size).toBe(0);
  });

  it('a public key with no certificate is listed, not dropped silently', async () => {
    const { examination } = await run(file('alone.public-key.pem', publicKeyPem));
    expect([examination.pairs.length, examination.keys, examination.problems]).toEqual([0, ['alone.public-key.pem'], []]);
  });
});
