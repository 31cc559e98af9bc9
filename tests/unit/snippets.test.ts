import { describe, expect, it } from 'vitest';
import { snippetsFor } from '../../src/lib/snippets';
import type { RoleId } from '../../src/lib/profile';

const input = (role: RoleId, certificate = 'app-opf_uae_client_transport.pem', host?: string) => ({
  role,
  certificate,
  key: certificate.replace('.pem', '.key'),
  p12: certificate.replace('.pem', '.p12'),
  kid: 'a4Bc_-9',
  host,
});

describe('snippetsFor', () => {
  it('signing: a PS256 JWT header with the kid', () => {
    expect(snippetsFor(input('client_signing'))).toEqual([{ id: 'jwt', code: '{\n  "alg": "PS256",\n  "kid": "a4Bc_-9",\n  "typ": "JWT"\n}' }]);
  });

  it('encryption (TPP or LFI): the RSA-OAEP-256 JWE header with the kid', () => {
    const want = [{ id: 'jwe', code: '{\n  "alg": "RSA-OAEP-256",\n  "enc": "A256GCM",\n  "kid": "a4Bc_-9"\n}' }];
    expect(snippetsFor(input('client_encryption'))).toEqual(want);
    expect(snippetsFor(input('server_encryption'))).toEqual(want);
  });

  it('client transport: curl, nginx, Node, Python, Java (.p12) and .NET (.pfx), with the file names', () => {
    const snippets = snippetsFor(input('client_transport'));
    expect(snippets.map((snippet) => snippet.id)).toEqual(['curl', 'nginx', 'node', 'python', 'java', 'dotnet']);
    expect(snippets[0]!.code).toBe('curl --cert app-opf_uae_client_transport.pem --key app-opf_uae_client_transport.key https://API_HUB_HOST/open-finance/');
    expect(snippets[3]!.code).toBe('requests.get("https://API_HUB_HOST/open-finance/", cert=("app-opf_uae_client_transport.pem", "app-opf_uae_client_transport.key"))');
    expect(snippets[4]!.code).toContain('-Djavax.net.ssl.keyStore=app-opf_uae_client_transport.p12 -Djavax.net.ssl.keyStoreType=PKCS12');
    expect(snippets[5]!.code).toContain('new X509Certificate2("app-opf_uae_client_transport.pfx", passphrase)');
  });

  it('server transport: an nginx server for its host, Node, and an OpenSSL check', () => {
    const snippets = snippetsFor(input('server_transport', 'bank-opf_uae_server_transport.pem', 'api.bank.ae'));
    expect(snippets.map((snippet) => snippet.id)).toEqual(['nginx', 'node', 'openssl']);
    expect(snippets[0]!.code).toContain('    server_name api.bank.ae;\n    ssl_certificate     bank-opf_uae_server_transport.pem;');
    expect(snippets[2]!.code).toBe('openssl s_client -connect api.bank.ae:443 -servername api.bank.ae -showcerts </dev/null');
  });

  it('server transport: nginx and Node check client certificates against the Trust Framework CAs', () => {
    const [nginx, node] = snippetsFor(input('server_transport', 'bank-opf_uae_server_transport.pem', 'api.bank.ae'));
    expect(nginx!.code).toContain('    ssl_client_certificate trust-framework-ca.pem;\n    ssl_verify_client on;\n');
    expect(node!.code).toContain('ca: fs.readFileSync("trust-framework-ca.pem"), requestCert: true };');
  });

  it('a file name with a space or quote is quoted for the shell', () => {
    expect(snippetsFor(input('client_transport', "my cert's.pem"))[0]!.code).toBe(`curl --cert 'my cert'\\''s.pem' --key 'my cert'\\''s.key' https://API_HUB_HOST/open-finance/`);
  });
});
