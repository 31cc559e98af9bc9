/**
 * The gate (src/lib/gate.ts): broken bundles, each refused with its own code,
 * and every bundle the app makes let through.
 */

import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactFromKeys, type Artifact } from '../../src/lib/artifact';
import { README_NAME, bundleEntries, type Bundle, type BundleEntry, type Layout } from '../../src/lib/bundle';
import { AppError, type ErrorCode } from '../../src/lib/errors';
import { PairChecks, checkBundle } from '../../src/lib/gate';
import { generateRsaKeyPair, importPrivateKeyPem } from '../../src/lib/keys';
import { fromPem, toPem } from '../../src/lib/pem';
import { CLIENT_ROLES, SERVER_ROLES, type RoleId } from '../../src/lib/profile';
import { validateClientForm, validateServerForm, type CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, VALID_FORM, nodeCrypto, readFixture } from '../support/fixtures';

const CREATED_AT = new Date('2025-03-04T05:06:08Z');

function clientRequests(roles: readonly RoleId[] = VALID_FORM.roles): CertificateRequest[] {
  const validation = validateClientForm({ ...VALID_FORM, roles });
  if (!validation.ok) throw new Error('VALID_FORM should be valid');
  return validation.requests;
}

/** Key pairs made once (RSA key generation is the slow part), as WebCrypto pairs and as PEM. */
let pairs: CryptoKeyPair[] = [];
let weakPair: CryptoKeyPair;

function nodeKeyPair(bits: number): Promise<CryptoKeyPair> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
  return importPrivateKeyPem(nodeCrypto, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
}

beforeAll(async () => {
  pairs = [await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem')), await nodeKeyPair(2048), await nodeKeyPair(2048)];
  weakPair = await nodeKeyPair(1024);
});

async function artifacts(requests: readonly CertificateRequest[], keys: readonly CryptoKeyPair[] = pairs, crypto = nodeCrypto): Promise<Artifact[]> {
  return Promise.all(requests.map((request, index) => artifactFromKeys(crypto, request, keys[index % keys.length]!)));
}

async function refusal(bundle: Bundle, crypto = nodeCrypto): Promise<{ code: ErrorCode; value: string | undefined } | 'passed'> {
  try {
    await checkBundle(crypto, bundle);
    return 'passed';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.message).toContain('No file was offered for download');
    return { code: error.code, value: error.params.value };
  }
}

/** The bundle with one entry's text replaced. */
function withText(bundle: Bundle, path: string, text: (old: string) => string): Bundle {
  const entries = bundle.entries.map((entry): BundleEntry => (entry.path === path ? { path, text: text(entry.text) } : entry));
  return { ...bundle, entries };
}

const entryText = (bundle: Bundle, path: string) => bundle.entries.find((entry) => entry.path === path)!.text;
const stem = (role: string) => `${CLIENT_ID}-opf_uae_client_${role}`;
const TRANSPORT_CSR = `${stem('transport')}.csr`;
const TRANSPORT_KEY = `${stem('transport')}.key`;

describe('checkBundle', () => {
  it('lets through a bundle the app makes, flat and per application', async () => {
    const made = await artifacts(clientRequests());
    expect(await refusal(bundleEntries(made, CREATED_AT))).toBe('passed');
    expect(await refusal(bundleEntries(made, CREATED_AT, 'per-application'))).toBe('passed');
  });

  const broken: { name: string; input: () => Promise<Bundle>; want: { code: ErrorCode; value: string } }[] = [
    {
      name: 'swapped contents: the key in the .csr and the CSR in the .key',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        const [csr, key] = [entryText(bundle, TRANSPORT_CSR), entryText(bundle, TRANSPORT_KEY)];
        return withText(withText(bundle, TRANSPORT_CSR, () => key), TRANSPORT_KEY, () => csr);
      },
      want: { code: 'gate-csr-unreadable', value: TRANSPORT_CSR },
    },
    {
      name: 'swapped file names, as a pasted -out x.key -keyout x.csr would make them',
      input: async () => {
        const [request] = clientRequests(['client_transport']);
        const swapped = { ...request!, keyFileName: request!.csrFileName, csrFileName: request!.keyFileName };
        return bundleEntries(await artifacts([swapped]), CREATED_AT);
      },
      // The key's entry, first in the zip, is named .csr.
      want: { code: 'gate-entry-name', value: TRANSPORT_CSR },
    },
    {
      name: "a foreign key: another pair's private key in the .key",
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport', 'client_signing'])), CREATED_AT);
        return withText(bundle, TRANSPORT_KEY, () => entryText(bundle, `${stem('signing')}.key`));
      },
      want: { code: 'gate-key-mismatch', value: TRANSPORT_KEY },
    },
    {
      name: 'a duplicate name: two CSRs called the same',
      input: async () => {
        const [transport, signing] = clientRequests(['client_transport', 'client_signing']);
        return bundleEntries(await artifacts([transport!, { ...signing!, csrFileName: transport!.csrFileName }]), CREATED_AT);
      },
      want: { code: 'gate-duplicate-entry', value: TRANSPORT_CSR },
    },
    {
      name: 'X.CSR and x.csr: the same file once unzipped on Windows or macOS',
      input: async () => {
        const [transport, signing] = clientRequests(['client_transport', 'client_signing']);
        const one = { ...transport!, csrFileName: 'x.csr', keyFileName: 'x.key' };
        const two = { ...signing!, csrFileName: 'X.CSR', keyFileName: 'y.key' };
        return bundleEntries(await artifacts([one, two]), CREATED_AT);
      },
      want: { code: 'gate-duplicate-entry', value: 'X.CSR' },
    },
    {
      name: 'an encrypted key',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }) as string;
        return withText(bundle, TRANSPORT_KEY, () => encrypted);
      },
      want: { code: 'gate-key-encrypted', value: TRANSPORT_KEY },
    },
    {
      name: 'a PKCS#1 key (BEGIN RSA PRIVATE KEY), not PKCS#8',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return withText(bundle, TRANSPORT_KEY, () => privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
      },
      want: { code: 'gate-key-unreadable', value: TRANSPORT_KEY },
    },
    {
      name: 'a CSR whose signature is broken',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        return withText(bundle, TRANSPORT_CSR, (pem) => {
          const der = fromPem('CERTIFICATE REQUEST', pem);
          der[der.length - 1] = der.at(-1)! ^ 0x01; // the signature BIT STRING is last
          return toPem('CERTIFICATE REQUEST', der);
        });
      },
      want: { code: 'gate-csr-signature', value: TRANSPORT_CSR },
    },
    {
      name: 'a 1024-bit key',
      input: async () => bundleEntries(await artifacts(clientRequests(['client_transport']), [weakPair]), CREATED_AT),
      want: { code: 'gate-key-not-rsa-2048', value: TRANSPORT_KEY },
    },
    {
      name: 'a CSR that fails the checklist for its role (a client CSR offered as a server one)',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        return { ...bundle, pairs: [{ ...bundle.pairs[0]!, role: 'server_transport' as const }] };
      },
      want: { code: 'gate-csr-checklist', value: TRANSPORT_CSR },
    },
    {
      name: 'a file name the allowlist refuses',
      input: async () => {
        const [request] = clientRequests(['client_transport']);
        return bundleEntries(await artifacts([{ ...request!, csrFileName: '$(touch PWNED).csr' }]), CREATED_AT);
      },
      want: { code: 'gate-entry-name', value: '$(touch PWNED).csr' },
    },
    {
      name: "a key named like the zip's own README.txt",
      input: async () => {
        const [request] = clientRequests(['client_transport']);
        return bundleEntries(await artifacts([{ ...request!, keyFileName: 'README.txt' }]), CREATED_AT);
      },
      want: { code: 'gate-entry-name', value: 'README.txt' },
    },
    {
      name: 'a file that is not a key, a CSR or the README',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        return { ...bundle, entries: [...bundle.entries, { path: 'run-me.sh', text: 'rm -rf ~\n' }] };
      },
      want: { code: 'gate-unexpected-entry', value: 'run-me.sh' },
    },
    {
      name: 'a key missing from the zip',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        return { ...bundle, entries: bundle.entries.filter((entry) => entry.path !== TRANSPORT_KEY) };
      },
      want: { code: 'gate-unexpected-entry', value: TRANSPORT_KEY },
    },
    {
      name: 'README.txt with a file name in a command, unquoted',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
        return withText(bundle, README_NAME, (text) => `${text}  openssl req -in ${TRANSPORT_CSR} -noout\n`);
      },
      want: { code: 'gate-name-unquoted', value: TRANSPORT_CSR },
    },
    {
      name: 'manifest.csv with a file name unquoted',
      input: async () => {
        const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT, 'per-application');
        return withText(bundle, 'manifest.csv', (text) => text.replace(`"${TRANSPORT_KEY}"`, TRANSPORT_KEY));
      },
      want: { code: 'gate-name-unquoted', value: `${CLIENT_ID}/${TRANSPORT_KEY}` },
    },
  ];

  it.each(broken)('refuses $name: $want.code', async ({ input, want }) => {
    expect(await refusal(await input())).toEqual(want);
  });

  it('uses a pair check started earlier only for the very same texts: a key changed since is checked again, and refused', async () => {
    const bundle = bundleEntries(await artifacts(clientRequests(['client_transport', 'client_signing'])), CREATED_AT);
    const early = new PairChecks(nodeCrypto);
    for (const pair of bundle.pairs) void early.check(pair, entryText(bundle, pair.csrPath), entryText(bundle, pair.keyPath));
    await checkBundle(nodeCrypto, bundle, early);
    const swapped = withText(bundle, TRANSPORT_KEY, () => entryText(bundle, `${stem('signing')}.key`));
    await expect(checkBundle(nodeCrypto, swapped, early)).rejects.toMatchObject({ code: 'gate-key-mismatch', params: { value: TRANSPORT_KEY } });
  });

  it('runs each pair check once for the same texts', async () => {
    const bundle = bundleEntries(await artifacts(clientRequests(['client_transport'])), CREATED_AT);
    let imports = 0;
    const counting = { subtle: new Proxy(nodeCrypto.subtle, { get: (target, name) => (name === 'importKey' && imports++, Reflect.get(target, name).bind(target)) }) } as Crypto;
    const checks = new PairChecks(counting);
    await checkBundle(counting, bundle, checks);
    const once = imports;
    await checkBundle(counting, bundle, checks);
    expect(once).toBeGreaterThan(0);
    expect(imports).toBe(once);
  });

  it('does not mistake a legal name that reads like a file name for an unquoted one', async () => {
    const [request] = clientRequests(['client_transport']);
    const named = { ...request!, subject: { ...request!.subject, organization: `${TRANSPORT_KEY} LLC` } };
    expect(await refusal(bundleEntries(await artifacts([named]), CREATED_AT))).toBe('passed');
  });
});

// ---------------------------------------------------------------------------
// Every bundle the app makes passes

const UUID = fc.uuid({ version: 4 });
/** Legal-name characters the allowlist lets in, shell and CSV characters among them. */
const LEGAL_CHARACTER = fc.constantFrom(...'Ab zé.,"\'$()`&+/\\=-_*;:!?#%@<>[]{}|~^ßشركةالمثال中文ÇğİöÜ12'.split(''), 'é', 'ذ.م.م');
const LEGAL_NAME = fc
  .array(LEGAL_CHARACTER, { minLength: 1, maxLength: 30 })
  .map((characters) => characters.join('').trim().slice(0, 64))
  .filter((name) => name.length > 0);
/** A file name as a pasted -out / -keyout may give it: from the allowlist, with its kind's extension. */
const STEM = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,40}$/);

const APPLICATION = fc.record({
  party: fc.constantFrom('client', 'server'),
  legalName: LEGAL_NAME,
  organisationId: UUID,
  clientId: UUID,
  clientRoles: fc.subarray([...CLIENT_ROLES], { minLength: 1 }),
  serverRoles: fc.subarray([...SERVER_ROLES], { minLength: 1 }),
  extensions: fc.constantFrom('profile', 'none'),
  dnsNames: fc.array(fc.constantFrom('api.bank.ae', '*.bank.ae', 'mtls.example.ae', 'xn--mgbh0fb.ae'), { minLength: 1, maxLength: 3 }),
  // As a pasted command names its files, or as the form does.
  fileNames: fc.option(fc.tuple(STEM, fc.constantFrom('.csr', '.req', '.pem'), STEM, fc.constantFrom('.key', '.pem'))),
});

function requestsOf(application: typeof APPLICATION extends fc.Arbitrary<infer T> ? T : never): CertificateRequest[] {
  const { party, clientRoles, serverRoles, dnsNames, fileNames, ...fields } = application;
  const validation =
    party === 'client'
      ? validateClientForm({ ...fields, roles: clientRoles })
      : validateServerForm({ ...fields, roles: serverRoles, dnsNames: [...new Set(dnsNames)].join('\n'), commonName: '' });
  if (!validation.ok) return [];
  if (!fileNames) return validation.requests;
  const [csrStem, csrExtension, keyStem, keyExtension] = fileNames;
  return validation.requests.map((request, index) => ({
    ...request,
    csrFileName: `${csrStem}-${index}-csr${csrExtension}`,
    keyFileName: `${keyStem}-${index}-key${keyExtension}`,
  }));
}

describe('checkBundle, on every bundle the app makes', () => {
  /** Node's own WebCrypto (OpenSSL, native): the same checks as @peculiar/webcrypto, several times faster. */
  const native = globalThis.crypto;
  let nativePairs: CryptoKeyPair[] = [];
  beforeAll(async () => {
    nativePairs = await Promise.all([0, 1, 2].map(() => generateRsaKeyPair(native)));
  });
  // Mostly one application (a form or a paste), sometimes two (a batch).
  const APPLICATIONS = fc.oneof({ weight: 4, arbitrary: fc.tuple(APPLICATION) }, { weight: 1, arbitrary: fc.tuple(APPLICATION, APPLICATION) });

  it('lets it through (1,000 runs, pre-made keys)', { timeout: 120_000 }, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(APPLICATIONS, fc.constantFrom<Layout>('flat', 'per-application'), async (applications, layout) => {
        const requests = applications.flatMap(requestsOf);
        fc.pre(requests.length > 0 && (layout === 'per-application' || applications.length === 1));
        // A batch has one folder per application; two applications with one ID are refused before this.
        const folders = applications.map((application) => (application.party === 'client' ? application.clientId : application.organisationId));
        fc.pre(new Set(folders).size === folders.length);
        const made = await artifacts(requests, nativePairs, native);
        const result = await refusal(bundleEntries(made, CREATED_AT, layout), native);
        expect(result).toBe('passed');
        checked++;
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 100_000 },
    );
    expect(checked).toBeGreaterThanOrEqual(1000);
  });
});

