/**
 * README.txt's Arabic half: the same facts as the English half above it,
 * for a reader of Arabic only. It is always written (the zip does not depend
 * on the page's language, so the same input still gives the same zip). File
 * names are quoted exactly as in the English half (the gate checks both);
 * the subject lines use the same label, which the gate reads past.
 */

import type { RoleId } from './profile';

/** The certificate types as the page says them in Arabic (src/ui/i18n/ar.ts, role.*): the core does not import the UI. */
const ROLE_NAMES: Readonly<Record<RoleId, { name: string; use: string }>> = {
  client_transport: { name: 'النقل', use: 'مصادقة العميل عبر mTLS لدى مزوّدي واجهات API' },
  client_signing: { name: 'التوقيع', use: 'توقيع رموز JWT باستخدام PS256' },
  client_encryption: { name: 'التشفير', use: 'استقبال رسائل JWE المشفّرة باستخدام RSA-OAEP-256' },
  server_transport: { name: 'النقل (الخادم)', use: 'خادم TLS في API Hub' },
  server_signing: { name: 'التوقيع (الخادم)', use: 'توقيع رموز JWT باستخدام PS256' },
  server_encryption: { name: 'التشفير (الخادم)', use: 'استقبال رموز JWE المشفّرة بخوارزمية RSA-OAEP-256 (البيانات الشخصية والأحداث)' },
};

/** One certificate's facts, as the English half prints them (names already quoted). */
export interface ReadmeItem {
  readonly role: RoleId;
  readonly fileRole: string;
  readonly csr: string;
  readonly key: string;
  readonly subject: string;
  readonly extensions: readonly string[];
  readonly fingerprint: string;
}

/** The line that starts the Arabic half. */
export const ARABIC_HEADING = 'مفاتيح AlTareq وطلبات توقيع الشهادات (إطار الثقة، التمويل المفتوح في دولة الإمارات)';

export function renderReadmeArabic(items: readonly ReadmeItem[], madeAt: string, subjectLabel: string, commands: readonly string[]): string {
  const details = items.map((item) => {
    const role = ROLE_NAMES[item.role];
    return [
      `شهادة ${role.name} (${item.fileRole}): ${role.use}`,
      `  طلب توقيع الشهادة (للرفع): ${item.csr}`,
      `  المفتاح الخاص (احتفظ به سرًّا): ${item.key}`,
      `  ${subjectLabel} ${item.subject}`,
      `  الامتدادات المطلوبة: ${item.extensions.join('؛ ')}`,
      `  بصمة SHA-256 للمفتاح العام: ${item.fingerprint}`,
      '  المفتاح: RSA 2048 bits, e=65537, PKCS#8 PEM، غير مشفّر',
    ].join('\n');
  });
  return [
    ARABIC_HEADING,
    '',
    `أُنشئت في ${madeAt} في متصفح ويب. أُنشئت المفاتيح على هذا الحاسوب ولم تُرسَل إلى أي جهة.`,
    '',
    'ارفع كل ملف .csr في دليل إطار الثقة، ضمن نوع الشهادة المطابق:',
    ...items.map((item) => `  شهادة ${ROLE_NAMES[item.role].name}: ${item.csr}`),
    '',
    'احتفظ بكل ملف .key سرًّا: لا ترفعه ولا ترسله بالبريد الإلكتروني ولا تشاركه أبدًا. خزّنه حيث سيستخدمه تطبيقك، واحذف أي نسخ أخرى:',
    ...items.map((item) => `  ${item.key}`),
    '',
    ...details.flatMap((block) => [block, '']),
    ...(commands.length > 0
      ? ['تحقّق من الملفات بنفسك باستخدام OpenSSL:', ...commands, '  (يطبع آخر أمرين بصمة SHA-256 للمفتاح العام المذكورة أعلاه، فيتأكّد تطابق المفتاح وطلب CSR)', '']
      : []),
    'يجب تجديد المفاتيح والشهادات مرة واحدة على الأقل كل 13 شهرًا.',
    '',
  ].join('\n');
}
