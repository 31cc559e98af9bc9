/**
 * A Trust Framework CSR for a key that never leaves an HSM or KMS, as one
 * step the page asks for whenever the user changes something: read the
 * public key, build the to-be-signed bytes exactly as the form's CSRs are
 * built, and, once a signature is given, verify it before anything is made,
 * assemble the CSR and hold it to the same gate as every file this tool
 * offers. Runs in the worker; everything it returns is plain data.
 */

import { assembleCsr, toBeSigned } from './csr';
import { AppError, type ErrorCode, type ErrorParams, type Field } from './errors';
import { readPublicKey, type PublicKeySource } from './hsm-public-key';
import { checkSignature, readSignature } from './hsm-signature';
import { publicKeyFingerprint } from './keys';
import { checkLoneCsr } from './gate';
import { toBase64, toBase64Url, toPem, type Bytes } from './pem';
import type { CertificateRequest } from './request';
import { fromHex, toHex } from './bytes';

export interface HsmInput {
  readonly request: CertificateRequest;
  readonly publicKey: string | Uint8Array;
  readonly signature: string | Uint8Array;
  /** SHA-256 (hex) of the to-be-signed bytes shown before, to recognise a signature over an earlier request. */
  readonly earlierDigests: readonly string[];
}

/** An AppError as data, to cross postMessage. */
export interface Problem {
  readonly code: ErrorCode;
  readonly field: Field | undefined;
  readonly message: string;
  readonly params: ErrorParams;
}

export interface HsmOutcome {
  readonly publicKey?: { readonly fingerprint: string; readonly source: PublicKeySource };
  readonly toBeSigned?: {
    readonly der: Bytes;
    readonly fileName: string;
    readonly sha256Hex: string;
    readonly sha256Base64: string;
    readonly sha256Base64Url: string;
  };
  readonly csr?: { readonly pem: string; readonly fileName: string };
  readonly problems: readonly Problem[];
}

export async function prepareHsmCsr(crypto: Crypto, input: HsmInput): Promise<HsmOutcome> {
  const noInput = (value: string | Uint8Array) => (typeof value === 'string' ? value.trim() === '' : value.byteLength === 0);
  if (noInput(input.publicKey)) return { problems: [] };
  const key = readPublicKey(input.publicKey);
  if (key instanceof AppError) return { problems: [problem(key)] };
  const publicKey = { fingerprint: await publicKeyFingerprint(crypto, key.spki), source: key.source };

  const tbs = toBeSigned(input.request, key.spki);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', tbs));
  const stem = input.request.csrFileName.replace(/\.(csr|req|pem)$/i, '');
  const toBeSignedFile = {
    der: tbs,
    fileName: `${stem}.tbs.der`,
    sha256Hex: toHex(digest),
    sha256Base64: toBase64(digest),
    sha256Base64Url: toBase64Url(digest),
  };
  if (noInput(input.signature)) return { publicKey, toBeSigned: toBeSignedFile, problems: [] };

  const signature = readSignature(input.signature);
  if (signature instanceof AppError) return { publicKey, toBeSigned: toBeSignedFile, problems: [problem(signature)] };
  const earlier = input.earlierDigests.filter((each) => each !== toBeSignedFile.sha256Hex).map(fromHex);
  const wrong = await checkSignature(crypto, key, tbs, signature, earlier);
  if (wrong) return { publicKey, toBeSigned: toBeSignedFile, problems: [problem(wrong)] };

  // The same last gate as every bundle: the file is read back as it will be saved.
  const pem = toPem('CERTIFICATE REQUEST', assembleCsr(tbs, signature));
  const { csrFileName: path, role } = input.request;
  try {
    await checkLoneCsr(crypto, { path, text: pem, role, modulus: key.modulus, exponent: key.exponent });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { publicKey, toBeSigned: toBeSignedFile, problems: [{ ...problem(error), field: 'signature' }] };
  }
  return { publicKey, toBeSigned: toBeSignedFile, csr: { pem, fileName: path }, problems: [] };
}

function problem(error: AppError): Problem {
  return { code: error.code, field: error.field, message: error.message, params: error.params };
}


