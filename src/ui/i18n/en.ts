/**
 * Every string the page shows, in English. ar.ts has the same keys (the
 * type checks it). `{name}` is filled in by t(); **bold** and `code` are
 * rendered by <Rich>. Technical names (file names, OpenSSL terms, UUIDs)
 * stay as they are in both languages.
 */
export const en = {
  'language.label': 'Language',
  'app.title': 'AlTareq keys and certificate requests',
  'app.promise':
    'Make the RSA keys and CSRs for your UAE Open Finance application. **Keys are made in this browser and never leave it**: nothing is sent anywhere or stored, and the only copy of each key is in the zip you download.',
  'app.howWeKnow': 'How we know',
  'app.howWeKnow.network':
    "No network: the page's Content-Security-Policy (`connect-src 'none'`, in its first lines) makes the browser refuse any request; your browser's developer tools show none.",
  'app.howWeKnow.storage': 'Nothing stored: no cookies, local storage or IndexedDB. Closing the tab, or **Clear**, drops every key.',
  'app.howWeKnow.file':
    'One file you can check: the footer shows the commit it was built from, and its SHA-256 matches the published `SHA256SUMS` and any rebuild of that commit.',
  'app.howWeKnow.tests': 'Open source, with tests that check the output against OpenSSL and the page for requests and storage.',
  'app.insecure':
    'This browser does not allow key generation here: the page is not in a secure context. Open the downloaded `index.html` file directly, or load the page over https.',
  'app.tabs': 'How to describe the certificates',
  'tab.form': 'Fill in the form',
  'tab.paste': 'Paste command',
  'tab.batch': 'Batch',
  'tab.certificates': 'Certificates',
  'tab.hsm': 'HSM or KMS',
  'hsm.intro': 'For a key that never leaves your HSM or cloud KMS, as the Trust Framework advises for production. This page builds the exact request; **your HSM or KMS signs it**; the page checks the signature and makes the `.csr`. Nothing is sent anywhere: you run the commands.',
  'hsm.role': 'Certificate type',
  'hsm.store': 'Where the key lives',
  'hsm.store.aws': 'AWS KMS',
  'hsm.store.azure': 'Azure Key Vault / Managed HSM',
  'hsm.store.google': 'Google Cloud KMS',
  'hsm.store.pkcs11': 'PKCS#11 HSM (Thales Luna, Entrust nShield, SoftHSM…)',
  'hsm.encryptionTrap': 'An encryption key must also be allowed to **sign**, once, to sign its own CSR. A key created for decryption only cannot: AWS key usage `ENCRYPT_DECRYPT` and Google purpose `ASYMMETRIC_DECRYPT` keys cannot sign. Azure keys and most PKCS#11 keys can be allowed both (`sign` and `decrypt`).',
  'hsm.keyId.aws': 'Key ARN, alias or key ID',
  'hsm.keyId.azure': 'Key identifier, with its version',
  'hsm.keyId.google': 'Key version resource name',
  'hsm.keyId.pkcs11': 'Key ID (hex)',
  'hsm.tokenLabel': 'Token label',
  'hsm.module': 'PKCS#11 module',
  'hsm.shell': 'Commands for',
  'hsm.opensslAlternative': 'Or make the CSR with OpenSSL and its pkcs11 engine',
  'hsm.opensslAlternative.hint': 'With the engine installed (`libengine-pkcs11-openssl` on Debian and Ubuntu), this bash command makes the same CSR in one step; OpenSSL asks for the PIN. The checks below still read it: choose it in the **Certificates** tab.',
  'hsm.step.publicKey': '1. Export the public key',
  'hsm.copyExport': 'Copy export command',
  'hsm.publicKey': 'Public key',
  'hsm.publicKeyFile': 'Or choose its file',
  'hsm.publicKeyRead': 'RSA-2048 public key read; SHA-256 of its SubjectPublicKeyInfo:',
  'hsm.step.sign': '2. Sign the request in your HSM or KMS',
  'hsm.downloadToBeSigned': 'Download to-be-signed bytes (`.der`)',
  'hsm.copySign': 'Copy sign command',
  'hsm.signatureFromFile': 'Run it where the `.tbs.der` file is. It writes the signature to a `.sig` file: choose that file below.',
  'hsm.signaturePrinted': 'Run it where the `.tbs.der` file is, then paste everything it prints below.',
  'hsm.step.signature': '3. Give the signature back',
  'hsm.signature': 'Signature',
  'hsm.signatureFile': 'Or choose the signature file',
  'hsm.verified': 'The signature verifies with your public key, and the CSR passes the Trust Framework checklist.',
  'hsm.noKeyFile': 'There is no `.key` file: the private key stays in your HSM or KMS. Upload the `.csr` in the Trust Framework directory.',
  'hsm.downloadCsr': 'Download `.csr`',
  'hsm.nameTheKey': 'Name the key to see the commands for it.',
  'app.generate': 'Generate',
  'app.cancel': 'Cancel',
  'app.results': 'Results',
  'app.problems': 'Problems to fix: {count}. {first}',
  'app.cancelled': 'Cancelled. No files were made, and the keys made so far were dropped.',
  'app.failed': 'Generation failed: {reason}. No files were made.',
  'app.refused':
    '{reason} Code: `{code}`.',
  'app.framed':
    'This page is shown inside another website, so it makes no keys here: a site that frames it could lay its own content over the form or the download. Open it on its own to make keys.',
  'app.framedOpen':
    'Open this page on its own',
  'app.stale': 'The input changed since the files were made. Press **Generate** to make new ones.',
  'app.ready': 'Keys and CSRs ready: {count}',
  'app.madeIn': '(made in {seconds} s)',
  'app.readyHint': 'Upload each `.csr` in the Trust Framework under its certificate type; keep each `.key` secret.',
  'app.download': 'Download `.zip`',
  'app.saved':
    'Saved `{file}` to your downloads folder (or where your browser asked). Next: unzip it, upload each `.csr` in the Trust Framework under its certificate type, and keep each `.key` secret. The download stays here until you press **Clear**.',
  'app.clear': 'Clear',
  'app.footer': 'Runs entirely in your browser with WebCrypto. Works offline from a single HTML file.',
  'app.version': 'Version',

  'form.party': 'Who are you making certificates for?',
  'form.party.client': 'TPP (client certificates)',
  'form.party.server': 'LFI (server certificates)',
  'form.legalName': 'Organisation legal name',
  'form.legalName.hint': 'Exactly as registered in the Trust Framework, in any script.',
  'form.organisationId': 'Organisation ID (UUID)',
  'form.organisationId.hint': "Your organisation's ID in the Trust Framework directory.",
  'form.clientId': 'Client ID (UUID)',
  'form.clientId.hint': "The application's ID, shown on its page in the directory.",
  'form.commonName': 'Common name (optional)',
  'form.commonName.hint': 'Usually left empty: the hostnames go in DNS names.',
  'form.dnsNames': 'DNS names',
  'form.dnsNames.hint': 'The API Hub hostnames for the server transport certificate, one per line. A leading *. makes a wildcard.',
  'form.dnsNames.preview': 'DNS names in the certificate',
  'form.roles': 'Certificates to make',
  'form.exact': 'Exactly as the Trust Framework command (no extensions)',
  'form.exact.hint': 'Leave out the requested key usage; the directory then applies its own profile.',
  'form.useNormalised': 'Use the NFC form',
  'form.useFix': 'Use `{fix}`',
  'form.line': 'Line {line}:',

  'role.client_transport': 'Transport',
  'role.client_signing': 'Signing',
  'role.client_encryption': 'Encryption',
  'role.server_transport': 'Server transport',
  'role.server_signing': 'Server signing',
  'role.client_transport.use': 'mTLS client authentication to API providers',
  'role.client_signing.use': 'signing JWTs with PS256',
  'role.client_encryption.use': 'receiving RSA-OAEP-256 encrypted JWEs',
  'role.server_transport.use': 'TLS server at the API Hub',
  'role.server_signing.use': 'signing JWTs with PS256',
  'role.server_encryption': 'Server encryption',
  'role.server_encryption.use': 'receiving RSA-OAEP-256 encrypted JWEs (PII, events)',
  'role.server_encryption.assumed':
    'The directory does not publish a file name for this certificate: `opf_uae_server_encryption` is this tool\'s choice. A pasted command keeps the names it gives.',

  'stage.queued': 'waiting',
  'stage.generating-key': 'generating RSA-2048 key…',
  'stage.signing': 'signing CSR…',
  'stage.done': 'done',
  'progress.label': 'Progress',
  'progress.batch': '{done} of {total} certificates',
  'progress.left': ', about {seconds} s left',

  'result.upload': 'Upload',
  'result.secret': 'Keep secret',
  'result.subject': 'Subject',
  'result.requests': 'Requests',
  'result.fingerprint': 'Public key SHA-256',
  'result.noExtensions': 'No extensions: exactly as the Trust Framework command; the directory applies its own profile.',
  'result.csr': 'CSR (PEM)',
  'result.command': 'Equivalent OpenSSL command',
  'result.commandHint':
    'Makes an equivalent key and CSR with OpenSSL 1.1.1 or later. In Git Bash on Windows, put `MSYS_NO_PATHCONV=1` in front, or it turns `/C=AE/…` into a Windows path.',
  'file.none': 'No file chosen',
  'file.count': 'Files chosen: {count}',
  'copy.csr': 'Copy CSR',
  'copy.csrLabel': 'Copy CSR {file}',
  'copy.command': 'Copy command',
  'copy.snippet': 'Copy snippet',
  'copy.snippetLabel': 'Copy snippet: {what}',
  'copy.copied': 'Copied',

  'next.title': 'What next',
  'next.upload':
    "Unzip the download. In the Trust Framework directory, open the application's App Certificates, choose New Certificate and the matching type, and upload the `.csr` whose name ends in that type (`…opf_uae_client_transport.csr` for Transport).",
  'next.uploadBatch': 'Each application has its own folder in the zip.',
  'next.secret': 'Keep each `.key` secret: never upload or email it. Store it where your application runs; it is the only copy.',
  'next.kid':
    "Download the issued `.pem` certificate. The directory shows its Key ID (`kid`) on the certificate's page: signed JWTs carry it in their header. The Certificates tab pairs the certificate with its key and exports a `.p12` or a JWK.",
  'next.rotate': 'Keys and certificates must be rotated at least every 13 months: make new ones before they expire.',

  'paste.label': 'Trust Framework command',
  'paste.hint':
    "Paste the `openssl req` command from the directory's New Certificate wizard, as it is: one or several, from bash, cmd.exe or PowerShell. Nothing is run; the page reads it and makes the same files.",
  'paste.understood': 'What it understood',
  'paste.certificate': 'Certificate',
  'paste.chooseRole': 'Certificate type for {file}',
  'paste.chooseRolePlaceholder': 'Choose the certificate type…',
  'paste.subject': 'Subject',
  'paste.dnsNames': 'DNS names',
  'paste.files': 'Files',
  'paste.moreUnread': 'More parts that are not an openssl req command, not shown: {count}',

  'batch.label': 'Applications (CSV)',
  'batch.hint':
    'One application per row, with a header row naming the columns `legal_name`, `organisation_id`, `client_id`, `roles` (like `transport;signing;encryption`, or `server_transport;server_signing;server_encryption`) and, for server transport, `dns_names`. Separated by commas, semicolons or tabs; UTF-8, UTF-16 or Windows-1252. Paste it, drop the file here, or choose it.',
  'batch.file': 'Or choose a CSV file',
  'batch.summary': 'Ready to make: **applications {applications}, certificates {certificates}**. Each application gets its own folder in the zip.',
  'batch.problems': 'Problems in the CSV: {count}',
  'batch.row': 'Row',
  'batch.column': 'Column',
  'batch.value': 'Value',
  'batch.problem': 'Problem',
  'batch.skip': 'Leave out the rows with problems and make the others ({count})',
  'batch.results': 'Applications in the zip: {count}, a folder each. `manifest.csv` lists every file with its subject and public-key SHA-256.',
  'batch.folder': 'Folder',
  'batch.legalName': 'Legal name',
  'batch.certificates': 'Certificates',
  'batch.listSeparator': ', ',
  'batch.exact': 'Exactly as the Trust Framework command (no extensions)',
  'batch.exact.hint': 'For every CSR in this batch: leave out the requested key usage; the directory then applies its own profile. The form has its own choice.',
  'batch.sourceFile': 'Read {file} as {encoding}, separated by {separator}.',
  'batch.sourceText': 'Separated by {separator}.',
  'batch.separator.comma': 'commas (,)',
  'batch.separator.semicolon': 'semicolons (;)',
  'batch.separator.tab': 'tabs',
  'batch.encoding.confirmed': '{encoding}, names confirmed',
  'batch.confirm.question': 'This file is not UTF-8; it was read as Windows-1252 (Excel). Are these legal names right?',
  'batch.confirm.more': 'and {count} more',
  'batch.confirm.yes': 'Yes, the names are right',
  'batch.confirm.no': 'No, remove the file',
  'batch.truncated': 'Reading stopped after {count} problems: fix these first, or check that this is the file you meant.',
  'batch.reading': 'Reading the CSV…',

  'certificates.label': 'Certificate, key and CSR files',
  'certificates.hint':
    'Drop or choose the `.pem` certificates the Trust Framework issued, with the `.key` and `.csr` files or the zip this tool made. Each certificate is paired with its key by public key. A CSR made elsewhere (in an HSM or KMS) gets the Trust Framework checklist. Nothing leaves this page.',
  'certificates.clear': 'Clear files',
  'certificates.choose': 'Choose files',
  'certificates.reading': 'Reading the files ({count})…',
  'certificates.lonelyKeys': 'Keys with no certificate or CSR among the files: {files}',
  'certificates.notRead': 'Not read ({count}); the other files are shown below:',
  'certificates.alsoIn': 'The same file is also in {files}.',
  'pair.certificate': 'Certificate',
  'pair.matches': '✓ Matches the key in `{key}`.',
  'pair.matchesWithCsr': '✓ Matches the key in `{key}` and the CSR in `{csr}`.',
  'pair.matchesPublicKey': '✓ Matches the public key in `{file}`: its private key stays in your HSM or KMS. The public JWK can be exported.',
  'pair.noKey': 'No matching key among the files.',
  'pair.noKeyWithCsr': 'No matching key among the files; the CSR in `{csr}` has the same public key.',
  'pair.subject': 'Subject',
  'pair.issuer': 'Issuer',
  'pair.serial': 'Serial',
  'pair.valid': 'Valid',
  'pair.validRange': '{from} to {to}:',
  'pair.expired': 'expired {days} days ago',
  'pair.expiring': '{days} days left: renew it now',
  'pair.daysLeft': '{days} days left',
  'pair.keyUsage': 'Key usage',
  'pair.extendedKeyUsage': 'Extended key usage',
  'pair.none': 'none',
  'pair.dnsNames': 'DNS names',
  'pair.fingerprint': 'SHA-256',
  'pair.looksLike': 'Looks like',
  'pair.noRole': 'no Trust Framework role',
  'pair.passphrase': 'Passphrase for the .p12',
  'pair.downloadP12': 'Download .p12',
  'pair.kid': 'Key ID (kid) from the directory',
  'pair.role': 'Certificate type',
  'pair.rolePlaceholder': 'Certificate type…',
  'pair.downloadJwk': 'Download JWK',
  'pair.privateJwk': 'Private key as JWK',
  'pair.privateJwkWarning':
    'This file holds the private key, unencrypted. Make it only for a tool that needs a JWK, keep it as secret as the `.key`, and delete it when done.',
  'pair.downloadPrivateJwk': 'Download private JWK',
  'pair.passphraseHint':
    'At least 10 characters. Anyone who gets the `.p12` can try passphrases against it offline, as fast as their computers allow; a long passphrase is what keeps the key safe. Making the file takes a second or two.',
  'pair.exported': 'Made in {seconds} s.',
  'checklist.title': 'Trust Framework checklist for `{file}`',
  'checklist.unknownRole': 'certificate type unknown',
  'checklist.passes': 'passes',
  'checklist.problems': 'problems: {count}',
  'checklist.pass': 'Pass:',
  'checklist.fail': 'Fail:',
  'checklist.skipped': 'Not checked:',
  'check.signature': 'Signature',
  'check.key': 'Key',
  'check.signature-algorithm': 'Signature algorithm',
  'check.subject': 'Subject',
  'check.string-types': 'String types',
  'check.uuids': 'UUIDs',
  'check.legal-name': 'Legal name encoding',
  'check.extensions': 'Requested extensions',
  'check.subject-alt-name': 'Subject alternative names',
  'finding.signature-valid':
    'The self-signature verifies with the CSR\'s public key.',
  'finding.signature-invalid':
    'The self-signature does not verify with the CSR\'s public key (signed with `{algorithm}`): the CSR was changed or damaged after signing. Make it again.',
  'finding.key-valid':
    '`RSA {bits}-bit, e={exponent}`.',
  'finding.key-rsa-wrong':
    '`RSA {bits}-bit, e={exponent}`; the Trust Framework requires RSA 2048-bit with e=65537 (`openssl req -newkey rsa:2048`).',
  'finding.key-not-rsa':
    'A key of type `{algorithm}`; the Trust Framework requires RSA 2048-bit with e=65537 (`openssl req -newkey rsa:2048`).',
  'finding.signature-algorithm-valid':
    '`{algorithm}`.',
  'finding.signature-algorithm-wrong':
    'Signed with `{algorithm}`; expected `sha256WithRSAEncryption` (`openssl req -sha256`).',
  'finding.subject-multi-valued':
    '`{rdn}` share one RDN (a multi-valued RDN); expected {expected}, each its own RDN. In OpenSSL\'s `-subj` an unescaped `+` does this; write it as `\\+`.',
  'finding.subject-order':
    'The subject is `{found}`; expected {expected}, each once, in that order.',
  'finding.subject-empty':
    'The subject is empty; expected {expected}, each once, in that order.',
  'finding.subject-country':
    'C is `{country}`; expected `C = AE`.',
  'finding.subject-valid':
    '`{found}`, each its own RDN, in that order.',
  'finding.string-types-valid':
    '`C` is `PrintableString`; `O`, `OU` and `CN` are `UTF8String`.',
  'finding.string-types-wrong':
    '`{found}`; expected `C` as `PrintableString` and `O`, `OU` and `CN` as `UTF8String`, as OpenSSL 3 writes them.',
  'finding.uuids-wrong':
    '`{found}`: expected lowercase UUIDs like `{example}` (`OU` the Organisation ID, `CN` the Client ID).',
  'finding.uuids-none':
    'No `OU` or `CN` to check; see the subject check.',
  'finding.uuids-valid':
    '`{names}`: lowercase UUIDs.',
  'finding.legal-name-none':
    'No legal name (`O`) to check; see the subject check.',
  'finding.legal-name-replacement':
    'O is `{name}`: it holds U+FFFD, the replacement character a decoder leaves for bytes it could not read, so the legal name was lost. Make the CSR again from the name as registered; a CSV saved by Excel should be saved as "CSV UTF-8".',
  'finding.legal-name-mojibake':
    'O is `{name}`: UTF-8 read as single bytes (mojibake); the legal name was most likely `{meant}`. OpenSSL does this to `-subj` without `-utf8`: make the CSR again with `-utf8` added to the command, or with this tool.',
  'finding.legal-name-valid':
    'O is `{name}`, with no double-encoded characters.',
  'finding.extensions-skipped':
    'Not checked: no role given. Requested: `{requested}`. Choose the certificate type to check them against its profile.',
  'finding.extensions-none':
    'None requested, exactly as the Trust Framework command; the directory applies its own `{role}` profile.',
  'finding.extensions-exact':
    '`{requested}`: exactly the `{role}` profile.',
  'finding.extensions-wrong':
    'Requested `{requested}`; expected for `{role}` exactly `{expected}`, or no extensions at all (as the Trust Framework command).',
  'finding.san-none':
    'None requested.',
  'finding.san-none-expected':
    'None, as `{role}` expects.',
  'finding.san-missing':
    'None requested; `{role}` must name its hosts as DNS names, like `-addext "subjectAltName=DNS:api.bank.ae"`.',
  'finding.san-not-allowed':
    'Requested `{names}`; `{role}` carries no subjectAltName. Remove it.',
  'finding.san-valid':
    '`{names}`: valid DNS names.',
  'finding.san-problems':
    'Not valid DNS names: `{invalid}`; listed twice: `{repeated}`. Each host is a DNS name in its ASCII form, like `api.bank.ae`, listed once.',
  'finding.expected.any':
    '`C = AE, O, OU` and, for client certificates, `CN`',
  'finding.expected.client':
    '`C = AE, O, OU, CN`',
  'finding.expected.server':
    '`C = AE, O, OU` (and optionally `CN`)',
  // Issue 17: what the Trust Framework issued (trust-framework.ts, trust-view.ts).
  'trust.environment': 'Environment',
  'trust.badge.sandbox': 'Sandbox',
  'trust.badge.production': 'Production',
  'trust.leaf.sandbox': '**Sandbox**: issued by `{ca}`. It works against the sandbox only, not production.',
  'trust.leaf.production': '**Production**: issued by `{ca}`. It works against production only, not the sandbox.',
  'trust.leaf.other': '**Not from the Trust Framework**: its issuer is not a Trust Framework CA, so participants will not trust it.',
  'trust.policy.yes': 'It carries the Trust Framework certificate policy `{oid}`.',
  'trust.policy.no': 'It does not carry the Trust Framework certificate policy `{oid}`: recognised by the issuer name only.',
  'trust.keyId.match': "Its authority key identifier is the real sandbox issuing CA's.",
  'trust.keyId.differs':
    "Its authority key identifier is not the real sandbox issuing CA's (`{keyId}`): a CA with the same name and another key, such as a test CA.",
  'trust.keyId.caDiffers':
    "Its key identifier is not the real sandbox issuing CA's (`{keyId}`): a CA with the same name and another key, such as a test CA.",
  'trust.notVerified': 'Recognised by name, policy and key identifier; this page does not verify the chain of signatures.',
  'trust.ca.issuing.sandbox': 'Sandbox issuing CA',
  'trust.ca.issuing.production': 'Production issuing CA',
  'trust.ca.root.sandbox': 'Sandbox root CA',
  'trust.ca.root.production': 'Production root CA',
  'trust.ca.other': 'CA certificate, not the Trust Framework\'s',
  'trust.ca.hint': 'A CA certificate: there is no private key to match. A `.p12` of a certificate it issued can include it.',
  'trust.mixed':
    'These files mix **Sandbox** and **Production** certificates. A sandbox certificate fails at the handshake against production, and the other way round: keep them apart.',
  'trust.partly': 'partly: {gaps}',
  'trust.gap.no-key-usage': 'it has no key usage',
  'trust.gap.key-usage-not-critical': 'its key usage is not marked critical',
  'trust.gap.key-usage-differs': 'its key usage differs from what the Trust Framework CA issues for this type',
  'trust.gap.no-extended-key-usage': 'it has no extended key usage (TLS client or server)',
  'trust.gap.cn-not-client-id': 'its CN is not a Client ID (UUID)',
  'trust.gap.cn-on-lfi-certificate': 'it has a CN; the LFI certificates the Trust Framework issues have none',
  'trust.gap.no-dns-names': 'it names no DNS host',
  'trust.kidHint':
    "Filled with the certificate's `x5t#S256` (base64url of its SHA-256), which the directory uses as the kid. Change it if the directory shows another.",
  'trust.rotate': 'Make new keys for this certificate',
  'trust.rotateHsm': 'Make new keys in an HSM or KMS',
  'trust.rotateHint':
    'Opens the form with its organisation, IDs, certificate type and DNS names filled in. Certificates last 13 months at most: upload the new CSR before this one expires.',
  'trust.jwks.title': 'JWK Set for',
  'trust.jwks.hint':
    'One `jwks.json` with the public key of each signing and encryption certificate of this application: its kid (the x5t#S256), use, alg, x5c and x5t#S256.',
  'trust.jwks.includeTransport': 'Include the transport keys (they are for TLS, not for JWTs)',
  'trust.jwks.download': 'Download jwks.json',
  'trust.paste.summary': 'Or paste PEM text or a JWKS',
  'trust.paste.label': 'Certificates, a chain or CSRs in PEM, or a JWKS (JSON)',
  'trust.paste.add': 'Add the pasted text',
  'trust.paste.privateKey':
    'The pasted text holds a private key, so it was not read: choose the `.key` file instead, and the key goes straight to the part of the page that keeps keys.',
  'trust.files.title': 'Files loaded: {count}',
  'trust.files.remove': 'Remove {file}',
  'trust.files.removeShort': 'Remove',
  'trust.snippets.title': 'How to use it',
  'trust.snippets.hint':
    'Ready to copy, with these file names and this kid. Replace `API_HUB_HOST` with the host the directory lists for the API hub; keep the `.key` where only your application can read it. A server checks its clients against `trust-framework-ca.pem`: save the root and issuing CA certificates of the Trust Framework in it.',
  'trust.snippet.curl': 'curl, mTLS to the API hub',
  'trust.snippet.nginx': 'nginx',
  'trust.snippet.node': 'Node.js',
  'trust.snippet.python': 'Python (requests)',
  'trust.snippet.java': 'Java (the .p12)',
  'trust.snippet.dotnet': '.NET (the .p12 saved as .pfx)',
  'trust.snippet.openssl': 'Check the server with OpenSSL',
  'trust.snippet.jwt': 'JWT header for signing (PS256)',
  'trust.snippet.jwe': 'JWE header others encrypt to this key with (RSA-OAEP-256)',
  'trust.p12.passphrase': 'Passphrase of {file}',
  'trust.p12.open': 'Open',
  'trust.includeChain': 'Include the CA certificates dropped with it ({count}): {names}',
} as const;

export type MessageKey = keyof typeof en;
