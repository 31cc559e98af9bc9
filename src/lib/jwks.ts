/**
 * A JWK Set (RFC 7517 §5) of one application's certificates, as the
 * directory publishes it: each key with its kid (the certificate's
 * x5t#S256 unless given), use, alg, x5c and x5t#S256. Transport keys are
 * for TLS, not JOSE: left out unless asked for.
 */

import type { JwksCertificate } from './jwks-groups';
import { publicJwk, type RsaPublicJwk } from './jwk';
import { ROLES, type RoleId } from './profile';

export async function buildJwks(
  crypto: Crypto,
  certificates: readonly JwksCertificate[],
  options: { readonly includeTransport: boolean },
): Promise<{ keys: RsaPublicJwk[] }> {
  const chosen = certificates.filter(
    (certificate): certificate is JwksCertificate & { role: RoleId } =>
      certificate.role !== undefined && (options.includeTransport || ROLES[certificate.role].purpose !== 'transport'),
  );
  const keys = await Promise.all(chosen.map(({ pem, role, kid }) => publicJwk(crypto, { certificatePem: pem, kid, role })));
  return { keys };
}
