import { describe, expect, it } from 'vitest';
import { splitLatinRuns } from '../../src/ui/i18n/bidi';

/** The runs isolated left-to-right, in order. */
const isolated = (text: string) => splitLatinRuns(text).filter((part) => part.ltr).map((part) => part.text);

describe('splitLatinRuns', () => {
  it.each([
    { name: 'an extension keeps its dot', input: 'تنزيل ملف .zip', want: ['.zip'] },
    { name: 'options keep their dash; a sentence full stop stays outside', input: 'الخيارات -new و-newkey rsa:2048 و-nodes.', want: ['-new', '-newkey rsa:2048', '-nodes'] },
    { name: 'a PEM line is one run', input: 'يبدأ بالسطر -----BEGIN PRIVATE KEY-----.', want: ['-----BEGIN PRIVATE KEY-----'] },
    { name: 'dates and a commit', input: 'الإصدار 3b73a36 (2026-12-02)', want: ['3b73a36', '2026-12-02'] },
    { name: 'a subject template with ellipses', input: 'مثل /C=AE/O=…/OU=…/CN=….', want: ['/C=AE/O=…/OU=…/CN=…'] },
    { name: 'a quoted extension', input: 'أضف -addext "subjectAltName=DNS:api.bank.ae".', want: ['-addext "subjectAltName=DNS:api.bank.ae"'] },
    { name: 'plain numbers are left to the bidi algorithm', input: 'الأيام المتبقية: 30', want: [] },
  ])('$name', ({ input, want }) => {
    expect(isolated(input)).toEqual(want);
    // Nothing is lost or reordered: the parts put back together are the text.
    expect(splitLatinRuns(input).map((part) => part.text).join('')).toBe(input);
  });
});
