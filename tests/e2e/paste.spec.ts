import { expect, test, type Page } from '@playwright/test';
import { Extensions } from 'pkijs';
import { encodeName } from '../../src/lib/csr';
import { OID } from '../../src/lib/oid';
import type { Subject } from '../../src/lib/subject';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, fileNames, keyMatchesCsr, readCsr, openApp } from './support';

const LEGAL_NAME = 'شركة المثال / Example';
const SUBJECT: Subject = { country: 'AE', organization: LEGAL_NAME, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID };
// As the directory writes it: the CSR named after the Client ID, the key after the Organisation ID.
const CSR = `${CLIENT_ID}-opf_uae_client_transport.csr`;
const KEY = `${ORGANISATION_ID}-opf_uae_client_transport.key`;
const SUBJ = `/C=AE/O=شركة المثال \\/ Example/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`;

/** The directory's command, wrapped the way each shell's users paste it. */
const WRAPPED = [
  { shell: 'one line', text: `openssl req -new -newkey rsa:2048 -nodes -out ${CSR} -keyout ${KEY} -subj "${SUBJ}" -sha256` },
  { shell: 'bash', text: `openssl req -new -newkey rsa:2048 -nodes \\\n  -out ${CSR} \\\n  -keyout ${KEY} \\\n  -subj '${SUBJ}' -sha256\n` },
  { shell: 'cmd.exe', text: `openssl req -new -newkey rsa:2048 -nodes ^\r\n  -out ${CSR} ^\r\n  -keyout ${KEY} ^\r\n  -subj "${SUBJ}" -sha256\r\n` },
  { shell: 'PowerShell', text: `openssl req -new -newkey rsa:2048 -nodes \`\r\n  -out ${CSR} \`\r\n  -keyout ${KEY} \`\r\n  -subj '${SUBJ}' -sha256` },
];

async function paste(page: Page, text: string) {
  await openApp(page);
  await page.getByRole('tab', { name: 'Paste command' }).click();
  await page.getByLabel('Trust Framework command').fill(text);
}

async function requestedDnsNames(zip: Awaited<ReturnType<typeof downloadZip>>, name: string): Promise<string[]> {
  const { csr } = await readCsr(zip, name);
  const request = csr.attributes!.find((attribute) => attribute.type === OID.extensionRequest)!;
  const extensions = new Extensions({ schema: request.values[0] });
  const san = extensions.extensions.find((extension) => extension.extnID === OID.subjectAltName)!;
  return (san.parsedValue as { altNames: { value: string }[] }).altNames.map((name) => name.value);
}

for (const { shell, text } of WRAPPED) {
  test(`the directory's command pasted from ${shell} makes exactly its files`, async ({ page }) => {
    await paste(page, text);
    await expect(page.getByText('Transport (opf_uae_client_transport)')).toBeVisible();
    await expect(page.getByText('This tool encodes them correctly as UTF-8')).toBeVisible();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();

    const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
    expect(fileNames(zip)).toEqual(['README.txt', KEY, CSR].sort());
    const { csr, signatureValid } = await readCsr(zip, CSR);
    expect(signatureValid).toBe(true);
    expect(Buffer.from(csr.subject.toSchema().toBER()).equals(Buffer.from(encodeName(SUBJECT)))).toBe(true);
    // No -addext in the directory's command: no extensions requested, exactly as OpenSSL would.
    expect(Buffer.from(csr.tbsView.slice(-2)).toString('hex')).toBe('a000');
    expect(await keyMatchesCsr(zip, KEY, CSR)).toBe(true);
  });
}

test('three commands pasted at once give one zip with all of them', async ({ page }) => {
  const roles = ['transport', 'signing', 'encryption'];
  const commands = roles.map(
    (role) =>
      `openssl req -new -newkey rsa:2048 -nodes -out ${CLIENT_ID}-opf_uae_client_${role}.csr -keyout ${CLIENT_ID}-opf_uae_client_${role}.key -subj "${SUBJ}" -sha256 -utf8`,
  );
  await paste(page, commands.join('\n\n'));
  await expect(page.getByText('What it understood')).toBeVisible();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  const stems = roles.map((role) => `${CLIENT_ID}-opf_uae_client_${role}`);
  expect(fileNames(zip)).toEqual(['README.txt', ...stems.flatMap((stem) => [`${stem}.csr`, `${stem}.key`])].sort());
  for (const stem of stems) expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);
  await expect(page.getByRole('article')).toHaveCount(3);
});

test('an LFI command with two DNS names makes a server transport CSR with both in subjectAltName', async ({ page }) => {
  const stem = `${ORGANISATION_ID}-opf_uae_server_transport`;
  await paste(
    page,
    `openssl req -new -newkey rsa:2048 -nodes -out ${stem}.csr -keyout ${stem}.key -subj "/C=AE/O=Example Bank PJSC/OU=${ORGANISATION_ID}" -addext "subjectAltName=DNS:api.bank.ae,DNS:*.hub.bank.ae" -sha256`,
  );
  await expect(page.getByText('Server transport (opf_uae_server_transport)')).toBeVisible();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, `${ORGANISATION_ID}-altareq-keys.zip`);
  expect(fileNames(zip)).toEqual(['README.txt', `${stem}.csr`, `${stem}.key`].sort());
  expect(await requestedDnsNames(zip, `${stem}.csr`)).toEqual(['api.bank.ae', '*.hub.bank.ae']);
});

test('a refused command names the token, and nothing can be generated', async ({ page }) => {
  await paste(page, `openssl req -new -newkey rsa:1024 -nodes -out ${CSR} -keyout ${KEY} -subj "${SUBJ}"`);
  const field = page.getByLabel('Trust Framework command');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/"-newkey rsa:1024" is not allowed: the Trust Framework requires RSA 2048-bit keys/);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(field).toBeFocused();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
});

test('an LFI fills in the form with an internationalised DNS name and gets it in punycode', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('LFI (server certificates)').check();
  await page.getByLabel('Organisation legal name').fill('Example Bank PJSC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('DNS names').fill('api.bank.ae\nبنك.امارات');
  await expect(page.getByText('xn--ngb8ci.xn--mgbaam7a8h')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Server signing', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, `${ORGANISATION_ID}-altareq-keys.zip`);
  const stem = `${ORGANISATION_ID}-opf_uae_server_transport`;
  expect(fileNames(zip)).toEqual(['README.txt', `${stem}.csr`, `${stem}.key`].sort());
  expect(await requestedDnsNames(zip, `${stem}.csr`)).toEqual(['api.bank.ae', 'xn--ngb8ci.xn--mgbaam7a8h']);
  const { csr } = await readCsr(zip, `${stem}.csr`);
  const subject: Subject = { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID };
  expect(Buffer.from(csr.subject.toSchema().toBER()).equals(Buffer.from(encodeName(subject)))).toBe(true);
});
