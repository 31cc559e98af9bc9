/**
 * Issue 13 as a user meets it in the Paste command tab: each hostile or
 * careless paste ends in a visible refusal that names the problem, and no
 * file; and a Windows path pasted from cmd.exe gives the right files. A
 * 1 MB paste is timed in paste-responsive.spec.ts, which runs alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, directoryCommand, downloadZip, fileNames, keyMatchesCsr, openApp, openPaste } from './support';

const STEM = `${CLIENT_ID}-opf_uae_client_transport`;
const SUBJ = `/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`;

/** Pastes `text`, expects `message` on the page and in the box's description, and that Generate makes nothing. */
async function expectRefused(page: Page, text: string, message: RegExp) {
  await openPaste(page);
  const box = page.getByLabel('Trust Framework command');
  await box.fill(text);
  await expect(page.getByText(message)).toBeVisible();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription(message);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(box).toBeFocused();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);
}

const REFUSED: { name: string; text: string; message: RegExp }[] = [
  {
    name: 'case 1: -out and -keyout swapped (the key would be in the .csr to upload)',
    text: directoryCommand(`${STEM}.key`, `${STEM}.csr`),
    message: /-out is ".*\.key" and -keyout is ".*\.csr": swapped\..*so the \.csr file would hold the private key/,
  },
  { name: 'case 2: -keyout README.txt', text: directoryCommand(`${STEM}.csr`, 'README.txt'), message: /"README\.txt" is the name of a file this tool writes into the zip itself/ },
  { name: 'case 2: -out ..', text: directoryCommand('..', `${STEM}.key`), message: /The file name "\.\." starts or ends with a dot/ },
  { name: 'case 2: NUL.key', text: directoryCommand(`${STEM}.csr`, 'NUL.key'), message: /"NUL\.key" is a device name on Windows/ },
  { name: 'case 2: U+202E in a file name', text: directoryCommand(`${STEM}.csr`, "'invoice\u202ersc.key'"), message: /The file name "invoiceU\+202Ersc\.key" contains U\+202E/ },
  {
    name: 'case 2: x.csr and X.CSR from two commands',
    text: `${directoryCommand(`${STEM}.csr`, `${STEM}.key`)}\n${directoryCommand(`${STEM.toUpperCase()}.CSR`, 'other.key')}`,
    message: /".*\.csr" and ".*\.CSR" are the same file on Windows and macOS/,
  },
  {
    name: 'case 2: a Windows path in a command wrapped for bash',
    text: `openssl req -new -newkey rsa:2048 -nodes \\\n  -out C:\\keys\\${STEM}.csr \\\n  -keyout ${STEM}.key -subj "${SUBJ}"`,
    message: /"C:\\keys\\.*\.csr" is a Windows path, but the command is written for bash/,
  },
  { name: 'case 3: $LEGAL_NAME', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=$LEGAL_NAME/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), message: /"\$LEGAL_NAME" is shell syntax: a shell puts the variable's value there/ },
  { name: 'case 3: `id` LLC', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=\`id\` LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), message: /The backquotes around "id" are shell syntax: a shell runs a command/ },
  { name: 'case 3: $(…)', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=$(cat name)/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), message: /"\$\(cat name\)" is shell syntax/ },
  { name: 'case 5: U+061C in the legal name', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=شركة\u061c المثال/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), message: /contains an invisible character \(U\+061C\)/ },
  { name: 'case 5: a decomposed é in the legal name', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=Socie\u0301te\u0301/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), message: /is written with decomposed characters \(not Unicode NFC\)/ },
  { name: 'more than 1 MiB', text: `${directoryCommand(`${STEM}.csr`, `${STEM}.key`)}\n${'#'.repeat(1024 * 1024)}`, message: /this page reads at most 1,048,576 characters \(1 MiB/ },
];

for (const { name, text, message } of REFUSED) {
  test(`refused with a message, and no file: ${name}`, async ({ page }) => {
    await expectRefused(page, text, message);
  });
}

test('case 2: a one-line cmd.exe command with C:\\keys\\… paths makes the files it names, not C:keys…', async ({ page }) => {
  await openPaste(page);
  await page.getByLabel('Trust Framework command').fill(directoryCommand(`C:\\keys\\${STEM}.csr`, `C:\\keys\\${STEM}.key`));
  await expect(page.getByText(`${STEM}.csr`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  expect(fileNames(zip)).toEqual(['README.txt', `${STEM}.csr`, `${STEM}.key`].sort());
  expect(await keyMatchesCsr(zip, `${STEM}.key`, `${STEM}.csr`)).toBe(true);
});

test('case 5 on the form: U+061C in the legal name is refused by name, and nothing is made', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Organisation legal name').fill('شركة\u061c المثال');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.locator('#legal-name-error')).toHaveText(/contains an invisible character \(U\+061C\)/);
  await expect(page.getByLabel('Organisation legal name')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
});

test('in Arabic, a refusal names the token', async ({ page }) => {
  await openPaste(page);
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await page.locator('#command').fill(directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=$LEGAL_NAME/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`));
  await expect(page.locator('.understood .error')).toContainText('في الأمر صياغة خاصة بالصدفة (shell) «$LEGAL_NAME»');
});
