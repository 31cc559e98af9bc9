import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromPem } from '../../src/lib/pem';
import { MAX_FILE_BYTES, readPemOrDer, type FileItem, type FileKind, type FileProblemCode } from '../../src/lib/sniff';
import { FIXTURES, fileItems as items, fixtureBytes as bytes, readFixture as text } from '../support/fixtures';

const WHAT_WE_READ = 'this tool reads certificates, certificate requests (CSRs), RSA private keys and public keys, as PEM or DER';

const utf8 = (value: string) => new TextEncoder().encode(value);
const base64Body = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));

describe('readPemOrDer reads', () => {
  const pkcs8 = fromPem('PRIVATE KEY', text('test-key.pem'));
  it.each<{ name: string; file: string; input: Uint8Array; want: Array<FileItem['kind']> }>([
    { name: 'a PEM certificate', file: 'a.pem', input: bytes('checklist/certificate.pem'), want: ['certificate'] },
    { name: 'a DER certificate', file: 'a.der', input: bytes('checklist/certificate.der'), want: ['certificate'] },
    { name: 'a chain: leaf and CA', file: 'chain.pem', input: bytes('checklist/chain.pem'), want: ['certificate', 'certificate'] },
    { name: 'a PEM CSR', file: 'a.csr', input: bytes('golden/client_transport.csr'), want: ['csr'] },
    { name: 'a DER CSR', file: 'a.csr', input: bytes('checklist/client_transport.csr.der'), want: ['csr'] },
    {
      name: 'a CSR labelled NEW CERTIFICATE REQUEST (Windows certreq, old Java)',
      file: 'a.req',
      input: utf8(text('golden/client_transport.csr').replaceAll('CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST')),
      want: ['csr'],
    },
    { name: 'a PEM with CRLF line endings', file: 'a.pem', input: utf8(text('checklist/certificate.pem').replaceAll('\n', '\r\n')), want: ['certificate'] },
    { name: 'a PKCS#8 key', file: 'a.key', input: bytes('test-key.pem'), want: ['private-key'] },
    { name: 'a DER PKCS#8 key', file: 'a.der', input: pkcs8, want: ['private-key'] },
    { name: 'a PKCS#1 key (RSA PRIVATE KEY)', file: 'a.key', input: bytes('checklist/test-key-pkcs1.pem'), want: ['private-key'] },
    { name: 'a DER PKCS#1 key', file: 'a.der', input: base64Body(text('checklist/test-key-pkcs1.pem')), want: ['private-key'] },
    {
      name: 'a key and its certificate in one PEM, with text around them',
      file: 'both.pem',
      input: utf8(`Bag Attributes: none\n${text('test-key.pem')}\nsubject=…\n${text('checklist/certificate.pem')}`),
      want: ['private-key', 'certificate'],
    },
  ])('$name', ({ file, input, want }) => {
    const read = items(input, file);
    expect(read.map((item) => item.kind)).toEqual(want);
    expect(read.every((item) => item.fileName === file)).toBe(true);
  });

  it('wraps a PKCS#1 key as the same PKCS#8 DER that openssl pkey writes', () => {
    const [key] = items(bytes('checklist/test-key-pkcs1.pem'), 'a.key');
    expect(Buffer.from(key!.der).toString('hex')).toBe(Buffer.from(pkcs8).toString('hex'));
  });

  it('keeps the DER of a certificate as it was', () => {
    const [certificate] = items(bytes('checklist/certificate.pem'), 'a.pem');
    expect(Buffer.from(certificate!.der).equals(Buffer.from(bytes('checklist/certificate.der')))).toBe(true);
  });
});

describe('readPemOrDer refuses', () => {
  const certificate = text('checklist/certificate.pem');
  const csrAsCertificate = text('golden/client_transport.csr').replaceAll('CERTIFICATE REQUEST', 'CERTIFICATE');
  // Not random: reproducible bytes that are neither text nor DER.
  const noise = Uint8Array.from({ length: 600 }, (_, i) => (i * 151 + 7) % 256);
  const decryptHint = (file: string) =>
    `"${file}" is an encrypted private key; this tool cannot read encrypted keys. To check it against a certificate, decrypt a copy with ` +
    `openssl pkey -in "${file}" -out decrypted.key (it asks for the passphrase), add that, and delete it afterwards.`;

  it.each<{ name: string; file: string; input: Uint8Array; kind: FileKind; code: FileProblemCode; message: string }>([
    {
      name: 'an encrypted PKCS#8 key',
      file: 'k.pem',
      input: bytes('checklist/test-key-encrypted.pem'),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.pem'),
    },
    {
      name: 'an encrypted PKCS#8 key in DER',
      file: 'k.der',
      input: base64Body(text('checklist/test-key-encrypted.pem')),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.der'),
    },
    {
      name: 'an encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED)',
      file: 'k.key',
      input: bytes('checklist/test-key-pkcs1-encrypted.pem'),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.key'),
    },
    {
      name: 'an EC public key',
      file: 'ec-pub.pem',
      input: utf8(execFileSync('openssl', ['pkey', '-in', `${FIXTURES}checklist/ec-key.pem`, '-pubout'], { encoding: 'utf8' })),
      kind: 'public-key',
      code: 'file-unsupported',
      message: `"ec-pub.pem" holds a public key of type id-ecPublicKey, not RSA; ${WHAT_WE_READ}.`,
    },
    {
      name: 'an EC key',
      file: 'ec.pem',
      input: bytes('checklist/ec-key.pem'),
      kind: 'private-key',
      code: 'file-unsupported',
      message: `"ec.pem" holds a private key of type id-ecPublicKey, not RSA; ${WHAT_WE_READ}.`,
    },
    {
      name: 'bytes that are neither PEM nor DER',
      file: 'noise.bin',
      input: noise,
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"noise.bin" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'DER of something else: SEQUENCE { INTEGER 5 }',
      file: 'x.der',
      input: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05),
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"x.der" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'a certificate with bytes after its DER',
      file: 'x.der',
      input: Uint8Array.from([...bytes('checklist/certificate.der'), 0]),
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"x.der" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'an empty file',
      file: 'empty.pem',
      input: new Uint8Array(0),
      kind: 'unknown',
      code: 'file-malformed',
      message: `"empty.pem" is empty; ${WHAT_WE_READ}.`,
    },
    {
      name: 'a file over 5 MiB',
      file: 'big.pem',
      input: new Uint8Array(MAX_FILE_BYTES + 1),
      kind: 'unknown',
      code: 'file-too-large',
      message:
        '"big.pem" is 5121 KiB; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 5 MiB. Choose the .pem, .crt, .csr or .key file.',
    },
    {
      name: 'a PEM cut short',
      file: 'cut.pem',
      input: utf8(certificate.slice(0, 300)),
      kind: 'unknown',
      code: 'file-malformed',
      message:
        '"cut.pem" has a -----BEGIN line with no matching -----END line: the file is cut short or damaged. Download or copy it again.',
    },
    {
      name: 'a CERTIFICATE block that is not base64',
      file: 'bad.pem',
      input: utf8(certificate.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!')),
      kind: 'certificate',
      code: 'file-malformed',
      message: '"bad.pem": the CERTIFICATE block is not valid base64; the file is damaged. Download or copy it again.',
    },
    {
      name: 'a CSR labelled CERTIFICATE',
      file: 'a.crt',
      input: utf8(csrAsCertificate),
      kind: 'certificate',
      code: 'file-malformed',
      message: '"a.crt": the CERTIFICATE block is not a valid X.509 certificate; the file is damaged. Download or copy it again.',
    },
    {
      name: 'a chain whose second block is damaged, naming the block',
      file: 'chain.pem',
      input: utf8(certificate + csrAsCertificate),
      kind: 'certificate',
      code: 'file-malformed',
      message:
        '"chain.pem" (block 2 of 2): the CERTIFICATE block is not a valid X.509 certificate; the file is damaged. Download or copy it again.',
    },
  ])('$name', ({ file, input, kind, code, message }) => {
    expect(readPemOrDer(input, file)).toEqual({ ok: false, kind, problem: { code, fileName: file, message } });
  });

  it('refuses a PEM of 65 blocks, naming the limit; reads one of 64', () => {
    const block = text('checklist/certificate.pem');
    expect(readPemOrDer(utf8(block.repeat(65)), 'many.pem')).toEqual({
      ok: false,
      kind: 'unknown',
      problem: {
        code: 'pem-too-many-blocks',
        fileName: 'many.pem',
        message:
          '"many.pem" holds 65 PEM blocks; this tool reads at most 64 in a file (a certificate chain has a few). Choose the files with your certificates, keys and CSRs.',
      },
    });
    expect(items(utf8(block.repeat(64)), 'chain.pem')).toHaveLength(64);
  });

  it('reads a file of exactly 5 MiB: the limit is on what is over it', () => {
    const padded = new Uint8Array(MAX_FILE_BYTES).fill(0x0a);
    padded.set(bytes('checklist/certificate.pem'));
    expect(items(padded, 'padded.pem').map((item) => item.kind)).toEqual(['certificate']);
  });
});
