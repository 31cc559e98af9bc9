import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { pkcs11Uri, readKeyLocation, renderHsmCommands, type KeyLocationInput } from '../../src/lib/hsm-commands';

const STEM = 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing';
const DIGEST = Uint8Array.from({ length: 32 }, (_, i) => 0xf0 + (i % 16));

function render(input: KeyLocationInput, shell: 'bash' | 'powershell' = 'bash') {
  const location = readKeyLocation(input);
  if (location instanceof AppError) throw location;
  return renderHsmCommands(location, STEM, DIGEST, shell);
}

describe('renderHsmCommands', () => {
  it('AWS KMS: RAW mode over the to-be-signed file, PKCS#1 v1.5 with SHA-256, JSON printed', () => {
    expect(render({ store: 'aws', key: 'arn:aws:kms:me-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })).toEqual({
      exportPublicKey: 'aws kms get-public-key --key-id arn:aws:kms:me-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --output json',
      sign: `aws kms sign --key-id arn:aws:kms:me-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab --message fileb://${STEM}.tbs.der --message-type RAW --signing-algorithm RSASSA_PKCS1_V1_5_SHA_256 --output json`,
      output: 'printed',
    });
  });

  it('Azure Key Vault: the digest, base64url, in the sign request; through a file in PowerShell', () => {
    const key = 'https://altareq.vault.azure.net/keys/signing/0123456789abcdef0123456789abcdef';
    const body = `{"alg":"RS256","value":"8PHy8_T19vf4-fr7_P3-__Dx8vP09fb3-Pn6-_z9_v8"}`;
    const rest = `az rest --method post --resource https://vault.azure.net --url '${key}/sign?api-version=7.4'`;
    expect(render({ store: 'azure', key })).toEqual({
      exportPublicKey: `az keyvault key show --id ${key} --output json`,
      sign: `${rest} --body '${body}'`,
      output: 'printed',
    });
    expect(render({ store: 'azure', key }, 'powershell').sign).toBe(
      `Set-Content -NoNewline -Encoding ascii -Path ${STEM}.sign-request.json -Value '${body}'\n${rest} --body "@${STEM}.sign-request.json"`,
    );
    expect(render({ store: 'azure', key: 'https://bank-hsm.managedhsm.azure.net/keys/signing/0123456789abcdef0123456789abcdef' }).sign).toContain(
      '--resource https://managedhsm.azure.net',
    );
  });

  it('Google Cloud KMS: gcloud digests the input file with SHA-256 and writes the signature file', () => {
    expect(render({ store: 'google', key: 'projects/altareq-prod/locations/me-central2/keyRings/altareq/cryptoKeys/signing/cryptoKeyVersions/3' })).toEqual({
      exportPublicKey: 'gcloud kms keys versions get-public-key 3 --location me-central2 --keyring altareq --key signing --project altareq-prod',
      sign: `gcloud kms asymmetric-sign --version 3 --location me-central2 --keyring altareq --key signing --project altareq-prod --digest-algorithm sha256 --input-file ${STEM}.tbs.der --signature-file ${STEM}.sig`,
      output: 'file',
    });
  });

  it('PKCS#11: SHA256-RSA-PKCS on the file, with a quoted module path and token label', () => {
    const commands = render({ store: 'pkcs11', key: '0A', tokenLabel: 'Luna HSM 1', module: 'C:\\Program Files\\SafeNet\\LunaClient\\cryptoki.dll' });
    const token = `--module 'C:\\Program Files\\SafeNet\\LunaClient\\cryptoki.dll' --token-label 'Luna HSM 1' --id 0a`;
    expect(commands).toEqual({
      exportPublicKey: `pkcs11-tool ${token} --read-object --type pubkey --output-file ${STEM}.public-key.der`,
      sign: `pkcs11-tool ${token} --login --sign --mechanism SHA256-RSA-PKCS --input-file ${STEM}.tbs.der --output-file ${STEM}.sig`,
      output: 'file',
    });
  });
});

describe('readKeyLocation refuses what is not the system\'s own identifier', () => {
  it.each([
    { name: 'AWS: a shell expansion', input: { store: 'aws', key: 'alias/$(touch x)' } },
    { name: 'AWS: a key ARN of another service', input: { store: 'aws', key: 'arn:aws:iam::111122223333:role/x' } },
    { name: 'Azure: no version', input: { store: 'azure', key: 'https://altareq.vault.azure.net/keys/signing' } },
    { name: 'Azure: another host', input: { store: 'azure', key: 'https://evil.example/keys/signing/0123456789abcdef0123456789abcdef' } },
    { name: 'Google: the key, not its version', input: { store: 'google', key: 'projects/altareq-prod/locations/me-central2/keyRings/r/cryptoKeys/k' } },
    { name: 'PKCS#11: an odd hex id', input: { store: 'pkcs11', key: '1', tokenLabel: 't', module: '/m.so' } },
    { name: "PKCS#11: a quote in the label", input: { store: 'pkcs11', key: '01', tokenLabel: "it's", module: '/m.so' } },
    { name: 'PKCS#11: a module path with a semicolon', input: { store: 'pkcs11', key: '01', tokenLabel: 't', module: '/m.so; rm -rf /' } },
  ] as const)('$name', ({ input }) => {
    const result = readKeyLocation(input);
    expect(result instanceof AppError ? [result.code, result.field] : result).toEqual(['key-location-invalid', 'keyLocation']);
  });
});

describe('pkcs11Uri', () => {
  it('names the private key by token and id, as RFC 7512 writes them', () => {
    const location = readKeyLocation({ store: 'pkcs11', key: '0a1B', tokenLabel: 'Luna HSM 1', module: '/m.so' });
    if (location instanceof AppError || location.store !== 'pkcs11') throw new Error('not read');
    expect(pkcs11Uri(location)).toBe('pkcs11:token=Luna%20HSM%201;id=%0A%1B;type=private');
  });
});
