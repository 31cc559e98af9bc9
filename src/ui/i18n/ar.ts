/**
 * Every string the page shows, in Arabic (Modern Standard Arabic, in the
 * terms UAE banks and the Open Finance regulator use). Same keys as en.ts;
 * `{name}` placeholders, **bold** and `code` spans are kept as in English,
 * and technical names (file names, OpenSSL options, algorithm names) stay in
 * Latin script. Counts are shown as "label: {count}" so that no sentence
 * depends on Arabic number agreement.
 *
 * Terms used throughout: مفتاح خاص (private key), طلب توقيع شهادة (CSR),
 * شهادة (certificate), إطار الثقة (Trust Framework), الدليل (the directory),
 * معرّف المؤسسة (Organisation ID), معرّف العميل (Client ID),
 * الاسم القانوني للمؤسسة (Organisation legal name), الموضوع (Subject),
 * رفع (upload), تنزيل (download), عبارة المرور (passphrase).
 */

import type { ErrorCode, Field, WarningCode } from '../../lib/errors';
import type { MessageKey } from './en';

export const ar: Record<MessageKey, string> = {
  'language.label': 'اللغة',
  'app.title': 'مفاتيح AlTareq وطلبات توقيع الشهادات',
  'app.promise':
    'أنشئ مفاتيح RSA وطلبات توقيع الشهادات (CSR) لتطبيقك في منظومة التمويل المفتوح في دولة الإمارات. **تُنشأ المفاتيح في هذا المتصفح ولا تغادره أبدًا**: لا يُرسَل أي شيء إلى أي جهة ولا يُخزَّن، والنسخة الوحيدة من كل مفتاح هي التي في ملف zip الذي تنزّله.',
  'app.howWeKnow': 'كيف نتحقق من ذلك',
  'app.howWeKnow.network':
    "لا اتصال بالشبكة: سياسة أمان المحتوى (Content-Security-Policy) في الصفحة (`connect-src 'none'`، في أسطرها الأولى) تجعل المتصفح يرفض أي طلب؛ ولا تُظهر أدوات المطوّرين في متصفحك أي طلب.",
  'app.howWeKnow.storage':
    'لا تخزين: لا ملفات تعريف ارتباط (cookies) ولا تخزين محلي ولا IndexedDB. إغلاق علامة التبويب، أو الضغط على **مسح**، يحذف جميع المفاتيح.',
  'app.howWeKnow.file':
    'ملف واحد يمكنك التحقق منه: يعرض تذييل الصفحة الإيداع (commit) الذي بُني منه، وتطابق بصمة SHA-256 للملف القيمة المنشورة في `SHA256SUMS` وأي إعادة بناء لذلك الإيداع.',
  'app.howWeKnow.tests':
    'مفتوح المصدر، مع اختبارات تقارن المخرجات بمخرجات OpenSSL، وتتحقق من أن الصفحة لا ترسل أي طلب ولا تخزّن أي بيانات.',
  'app.insecure':
    'لا يسمح هذا المتصفح بإنشاء المفاتيح هنا: الصفحة ليست في سياق آمن. افتح ملف `index.html` الذي نزّلته مباشرةً، أو افتح الصفحة عبر https.',
  'app.tabs': 'طريقة وصف الشهادات',
  'tab.form': 'تعبئة النموذج',
  'tab.paste': 'لصق الأمر',
  'tab.batch': 'دفعة',
  'tab.certificates': 'الشهادات',
  'tab.hsm': 'HSM أو KMS',
  'hsm.intro': 'لمفتاح لا يغادر وحدة HSM أو خدمة KMS السحابية أبدًا، كما يوصي إطار الثقة لبيئة الإنتاج. تبني هذه الصفحة الطلب بدقة؛ **وتوقّعه وحدة HSM أو خدمة KMS الخاصة بك**؛ ثم تتحقق الصفحة من التوقيع وتُنشئ ملف `.csr`. لا يُرسَل أي شيء إلى أي جهة: أنت من يشغّل الأوامر.',
  'hsm.role': 'نوع الشهادة',
  'hsm.store': 'مكان المفتاح',
  'hsm.store.aws': 'خدمة AWS KMS',
  'hsm.store.azure': 'Azure Key Vault أو Managed HSM',
  'hsm.store.google': 'خدمة Google Cloud KMS',
  'hsm.store.pkcs11': 'وحدة HSM بواجهة PKCS#11 (مثل Thales Luna وEntrust nShield وSoftHSM)',
  'hsm.encryptionTrap': 'يجب أن يُسمح لمفتاح التشفير **بالتوقيع** أيضًا، مرة واحدة، ليوقّع طلب توقيع شهادته. والمفتاح المُنشأ لفكّ التشفير فقط لا يستطيع ذلك: مفاتيح AWS ذات الاستخدام `ENCRYPT_DECRYPT` ومفاتيح Google ذات الغرض `ASYMMETRIC_DECRYPT` لا توقّع. أما مفاتيح Azure ومعظم مفاتيح PKCS#11 فيمكن السماح لها بالأمرين (`sign` و`decrypt`).',
  'hsm.keyId.aws': 'ARN المفتاح أو اسمه المستعار أو معرّفه',
  'hsm.keyId.azure': 'معرّف المفتاح مع إصداره',
  'hsm.keyId.google': 'اسم مورد إصدار المفتاح',
  'hsm.keyId.pkcs11': 'معرّف المفتاح (hex)',
  'hsm.tokenLabel': 'تسمية الرمز المميز (token)',
  'hsm.module': 'وحدة PKCS#11',
  'hsm.shell': 'الأوامر لـ',
  'hsm.opensslAlternative': 'أو أنشئ طلب توقيع الشهادة باستخدام OpenSSL ومحرّك pkcs11',
  'hsm.opensslAlternative.hint': 'بعد تثبيت المحرّك (`libengine-pkcs11-openssl` في Debian وUbuntu)، يُنشئ أمر bash هذا طلب توقيع الشهادة نفسه بخطوة واحدة، ويطلب OpenSSL رمز PIN. ويمكنك فحص الناتج بقائمة التحقق: اختره في تبويب **الشهادات**.',
  'hsm.step.publicKey': '1. صدّر المفتاح العام',
  'hsm.copyExport': 'نسخ أمر التصدير',
  'hsm.publicKey': 'المفتاح العام',
  'hsm.publicKeyFile': 'أو اختر ملفه',
  'hsm.publicKeyRead': 'قُرئ مفتاح عام من نوع RSA-2048؛ بصمة SHA-256 لبنية SubjectPublicKeyInfo الخاصة به:',
  'hsm.step.sign': '2. وقّع الطلب في وحدة HSM أو خدمة KMS',
  'hsm.downloadToBeSigned': 'تنزيل البايتات المراد توقيعها (`.der`)',
  'hsm.copySign': 'نسخ أمر التوقيع',
  'hsm.signatureFromFile': 'شغّله في المجلد الذي فيه ملف `.tbs.der`. يكتب الأمر التوقيع في ملف `.sig`: اختر ذلك الملف أدناه.',
  'hsm.signaturePrinted': 'شغّله في المجلد الذي فيه ملف `.tbs.der`، ثم الصق كل ما يطبعه أدناه.',
  'hsm.step.signature': '3. أعد التوقيع إلى الصفحة',
  'hsm.signature': 'التوقيع',
  'hsm.signatureFile': 'أو اختر ملف التوقيع',
  'hsm.verified': 'يتحقق التوقيع بالمفتاح العام الخاص بك، ويجتاز طلب توقيع الشهادة قائمة تحقق إطار الثقة.',
  'hsm.noKeyFile': 'لا يوجد ملف `.key`: يبقى المفتاح الخاص في وحدة HSM أو خدمة KMS الخاصة بك. ارفع ملف `.csr` في دليل إطار الثقة.',
  'hsm.downloadCsr': 'تنزيل ملف `.csr`',
  'hsm.nameTheKey': 'حدّد المفتاح لتظهر أوامره.',
  'app.generate': 'إنشاء',
  'app.cancel': 'إلغاء',
  'app.results': 'النتائج',
  'app.problems': 'المشكلات الواجب تصحيحها: {count}. {first}',
  'app.cancelled': 'أُلغيت العملية. لم يُنشأ أي ملف، وحُذفت المفاتيح التي أُنشئت حتى الآن.',
  'app.failed': 'تعذّر الإنشاء: {reason}. لم يُنشأ أي ملف.',
  'app.refused':
    '{reason} الرمز: `{code}`.',
  'app.framed':
    'تُعرض هذه الصفحة داخل موقع إلكتروني آخر، لذا لا تُنشئ أي مفاتيح هنا: فالموقع الذي يضعها في إطار قد يضع محتواه فوق النموذج أو رابط التنزيل. افتح الصفحة وحدها لإنشاء المفاتيح.',
  'app.framedOpen':
    'افتح هذه الصفحة وحدها',
  'app.stale': 'تغيّرت المدخلات بعد إنشاء الملفات. اضغط **إنشاء** لإنشاء ملفات جديدة.',
  'app.ready': 'المفاتيح وطلبات توقيع الشهادات (CSR) الجاهزة: {count}',
  'app.madeIn': '(مدة الإنشاء: {seconds} ث)',
  'app.readyHint': 'ارفع كل ملف `.csr` في إطار الثقة ضمن نوع الشهادة الخاص به؛ واحتفظ بكل ملف `.key` سرًّا.',
  'app.download': 'تنزيل ملف `.zip`',
  'app.saved':
    'حُفظ الملف `{file}` في مجلد التنزيلات (أو حيث طلب متصفحك). الخطوة التالية: فكّ ضغطه، وارفع كل ملف `.csr` في إطار الثقة ضمن نوع شهادته، واحتفظ بكل ملف `.key` سرًّا. يبقى التنزيل متاحًا هنا حتى تضغط **مسح**.',
  'app.clear': 'مسح',
  'app.footer': 'تعمل الأداة بالكامل في متصفحك باستخدام WebCrypto، ومن ملف HTML واحد دون اتصال بالإنترنت.',
  'app.version': 'الإصدار',

  'form.party': 'لمن تُنشئ الشهادات؟',
  'form.party.client': 'مقدّم خدمة من طرف ثالث (TPP): شهادات العميل',
  'form.party.server': 'مؤسسة مالية مرخّصة (LFI): شهادات الخادم',
  'form.legalName': 'الاسم القانوني للمؤسسة',
  'form.legalName.hint': 'تمامًا كما هو مسجّل في إطار الثقة، بأي أبجدية.',
  'form.organisationId': 'معرّف المؤسسة (UUID)',
  'form.organisationId.hint': 'معرّف مؤسستك في دليل إطار الثقة.',
  'form.clientId': 'معرّف العميل (UUID)',
  'form.clientId.hint': 'معرّف التطبيق، ويظهر في صفحة التطبيق في الدليل.',
  'form.commonName': 'الاسم الشائع (اختياري)',
  'form.commonName.hint': 'يُترك عادةً فارغًا: أسماء المضيفين تُكتب في أسماء DNS.',
  'form.dnsNames': 'أسماء DNS',
  'form.dnsNames.hint':
    'أسماء مضيفي API Hub لشهادة النقل الخاصة بالخادم، اسم واحد في كل سطر. البادئة *. تجعل الاسم شاملًا (wildcard).',
  'form.dnsNames.preview': 'أسماء DNS كما ستظهر في الشهادة',
  'form.roles': 'الشهادات المطلوب إنشاؤها',
  'form.exact': 'مطابق تمامًا لأمر إطار الثقة (دون امتدادات)',
  'form.exact.hint': 'لا يُطلب استخدام المفتاح في الطلب؛ ويطبّق الدليل عندئذٍ ملف التعريف الخاص به.',
  'form.useNormalised': 'استخدم صيغة NFC',
  'form.useFix': 'استخدم `{fix}`',
  'form.line': 'السطر {line}:',

  'role.client_transport': 'النقل',
  'role.client_signing': 'التوقيع',
  'role.client_encryption': 'التشفير',
  'role.server_transport': 'النقل (الخادم)',
  'role.server_signing': 'التوقيع (الخادم)',
  'role.client_transport.use': 'مصادقة العميل عبر mTLS لدى مزوّدي واجهات API',
  'role.client_signing.use': 'توقيع رموز JWT باستخدام PS256',
  'role.client_encryption.use': 'استقبال رسائل JWE المشفّرة باستخدام RSA-OAEP-256',
  'role.server_transport.use': 'خادم TLS في API Hub',
  'role.server_signing.use': 'توقيع رموز JWT باستخدام PS256',
  'role.server_encryption': 'التشفير (الخادم)',
  'role.server_encryption.use': 'استقبال رموز JWE المشفّرة بخوارزمية RSA-OAEP-256 (البيانات الشخصية والأحداث)',
  'role.server_encryption.assumed':
    'لا ينشر الدليل اسم ملف لهذه الشهادة: الاسم `opf_uae_server_encryption` اختيار هذه الأداة. أمّا الأمر الملصق فتُستخدم فيه الأسماء التي يحدّدها.',

  'stage.queued': 'في الانتظار',
  'stage.generating-key': 'جارٍ إنشاء مفتاح RSA-2048…',
  'stage.signing': 'جارٍ توقيع طلب CSR…',
  'stage.done': 'تم',
  'progress.label': 'التقدّم',
  'progress.batch': 'الشهادات: {done} من {total}',
  'progress.left': '، والمتبقي نحو {seconds} ث',

  'result.upload': 'للرفع',
  'result.secret': 'احتفظ به سرًّا',
  'result.subject': 'الموضوع (Subject)',
  'result.requests': 'الامتدادات المطلوبة',
  'result.fingerprint': 'بصمة SHA-256 للمفتاح العام',
  'result.noExtensions': 'دون امتدادات: مطابق تمامًا لأمر إطار الثقة؛ ويطبّق الدليل ملف التعريف الخاص به.',
  'result.csr': 'طلب توقيع الشهادة (CSR) بصيغة PEM',
  'result.command': 'أمر OpenSSL المكافئ',
  'result.commandHint':
    'يُنشئ مفتاحًا وطلب CSR مكافئَين باستخدام OpenSSL 1.1.1 أو أحدث. في Git Bash على Windows، ضع `MSYS_NO_PATHCONV=1` في بداية الأمر، وإلا حوّل `/C=AE/…` إلى مسار في Windows.',
  'file.none': 'لم يُختر أي ملف',
  'file.count': 'الملفات المختارة: {count}',
  'copy.csr': 'نسخ طلب CSR',
  'copy.csrLabel': 'نسخ طلب CSR {file}',
  'copy.command': 'نسخ الأمر',
  'copy.snippet': 'نسخ المقتطف',
  'copy.snippetLabel': 'نسخ المقتطف: {what}',
  'copy.copied': 'تم النسخ',

  'next.title': 'الخطوات التالية',
  'next.upload':
    'فكّ ضغط الملف الذي نزّلته. في دليل إطار الثقة، افتح صفحة شهادات التطبيق (App Certificates)، واختر New Certificate ثم النوع المطابق، وارفع ملف `.csr` الذي ينتهي اسمه بذلك النوع (`…opf_uae_client_transport.csr` لشهادة النقل).',
  'next.uploadBatch': 'لكل تطبيق مجلد خاص به في ملف zip.',
  'next.secret': 'احتفظ بكل ملف `.key` سرًّا: لا ترفعه ولا ترسله بالبريد الإلكتروني أبدًا. خزّنه حيث يعمل تطبيقك؛ فهو النسخة الوحيدة.',
  'next.kid':
    'نزّل الشهادة الصادرة بصيغة `.pem`. يعرض الدليل معرّف المفتاح (`kid`) في صفحة الشهادة، وتحمله رموز JWT الموقّعة في ترويستها. يقرن تبويب «الشهادات» الشهادة بمفتاحها ويصدّرهما بصيغة `.p12` أو JWK.',
  'next.rotate': 'يجب تجديد المفاتيح والشهادات مرة واحدة على الأقل كل 13 شهرًا: أنشئ مفاتيح وشهادات جديدة قبل انتهاء صلاحيتها.',

  'paste.label': 'أمر إطار الثقة',
  'paste.hint':
    'الصق أمر `openssl req` من معالج New Certificate في الدليل كما هو: أمرًا واحدًا أو عدة أوامر، من bash أو cmd.exe أو PowerShell. لا يُنفَّذ أي أمر؛ تقرأ الصفحة الأمر وتُنشئ الملفات نفسها.',
  'paste.understood': 'ما فهمته الأداة',
  'paste.certificate': 'الشهادة',
  'paste.chooseRole': 'نوع الشهادة للملف {file}',
  'paste.chooseRolePlaceholder': 'اختر نوع الشهادة…',
  'paste.subject': 'الموضوع (Subject)',
  'paste.dnsNames': 'أسماء DNS',
  'paste.files': 'الملفات',
  'paste.moreUnread': 'أجزاء أخرى ليست أمر openssl req ولم تُعرض: {count}',

  'batch.label': 'التطبيقات (CSV)',
  'batch.hint':
    'تطبيق واحد في كل صف، مع صف عناوين يسمّي الأعمدة `legal_name` و`organisation_id` و`client_id` و`roles` (مثل `transport;signing;encryption` أو `server_transport;server_signing;server_encryption`)، والعمود `dns_names` لشهادة النقل الخاصة بالخادم. يُفصل بين القيم بفاصلة أو فاصلة منقوطة أو علامة جدولة، بترميز UTF-8 أو UTF-16 أو Windows-1252. الصق المحتوى، أو أفلت الملف هنا، أو اختره.',
  'batch.file': 'أو اختر ملف CSV',
  'batch.summary':
    'جاهز للإنشاء: **التطبيقات: {applications}، الشهادات: {certificates}**. لكل تطبيق مجلد خاص به في ملف zip.',
  'batch.problems': 'المشكلات في ملف CSV: {count}',
  'batch.row': 'الصف',
  'batch.column': 'العمود',
  'batch.value': 'القيمة',
  'batch.problem': 'المشكلة',
  'batch.skip': 'استبعاد الصفوف التي فيها مشكلات وإنشاء بقية الصفوف ({count})',
  'batch.results':
    'التطبيقات في ملف zip: {count}، ولكلٍّ منها مجلد. يسرد الملف `manifest.csv` كل ملف مع الموضوع (Subject) وبصمة SHA-256 للمفتاح العام.',
  'batch.folder': 'المجلد',
  'batch.legalName': 'الاسم القانوني',
  'batch.certificates': 'الشهادات',
  'batch.listSeparator': '، ',
  'batch.exact': 'مطابق تمامًا لأمر إطار الثقة (دون امتدادات)',
  'batch.exact.hint': 'لكل طلبات CSR في هذه الدفعة: لا يُطلب استخدام المفتاح، ويطبّق الدليل عندئذٍ ملف التعريف الخاص به. وللنموذج خيار مستقل.',
  'batch.sourceFile': 'قُرئ الملف {file} بترميز {encoding}، والفاصل بين القيم {separator}.',
  'batch.sourceText': 'الفاصل بين القيم {separator}.',
  'batch.separator.comma': 'الفاصلة (,)',
  'batch.separator.semicolon': 'الفاصلة المنقوطة (;)',
  'batch.separator.tab': 'علامة الجدولة (Tab)',
  'batch.encoding.confirmed': '{encoding}، وقد أكّدتَ صحة الأسماء',
  'batch.confirm.question': 'هذا الملف ليس بترميز UTF-8، فقُرئ بترميز Windows-1252 الذي يستخدمه Excel. هل هذه الأسماء القانونية صحيحة؟',
  'batch.confirm.more': 'وأسماء أخرى عددها {count}',
  'batch.confirm.yes': 'نعم، الأسماء صحيحة',
  'batch.confirm.no': 'لا، أزِل الملف',
  'batch.truncated': 'توقّفت القراءة بعد أن بلغ عدد المشكلات {count}: صحّح هذه المشكلات أولًا، أو تحقّق من أنّ هذا هو الملف المقصود.',
  'batch.reading': 'جارٍ قراءة ملف CSV…',

  'certificates.label': 'ملفات الشهادات والمفاتيح وطلبات توقيع الشهادات (CSR)',
  'certificates.hint':
    'أفلت أو اختر شهادات `.pem` التي أصدرها إطار الثقة، مع ملفات `.key` و`.csr` أو ملف zip الذي أنشأته هذه الأداة. تُقرن كل شهادة بمفتاحها عن طريق المفتاح العام. وطلب CSR الذي أُنشئ في مكان آخر (في HSM أو KMS) تُطبَّق عليه قائمة تحقق إطار الثقة. لا يغادر أي شيء هذه الصفحة.',
  'certificates.clear': 'مسح الملفات',
  'certificates.choose': 'اختر الملفات',
  'certificates.reading': 'جارٍ قراءة الملفات ({count})…',
  'certificates.lonelyKeys': 'مفاتيح ليس لها شهادة ولا طلب CSR بين الملفات: {files}',
  'certificates.notRead': 'ملفات لم تُقرأ ({count})؛ وتظهر الملفات الأخرى أدناه:',
  'certificates.alsoIn': 'الملف نفسه موجود أيضًا في {files}.',
  'pair.certificate': 'الشهادة',
  'pair.matches': '✓ تطابق المفتاح في `{key}`.',
  'pair.matchesWithCsr': '✓ تطابق المفتاح في `{key}` وطلب CSR في `{csr}`.',
  'pair.matchesPublicKey': '✓ تطابق المفتاح العام في `{file}`: يبقى مفتاحها الخاص في وحدة HSM أو خدمة KMS الخاصة بك. ويمكن تصدير JWK العام.',
  'pair.noKey': 'لا يوجد مفتاح مطابق بين الملفات.',
  'pair.noKeyWithCsr': 'لا يوجد مفتاح مطابق بين الملفات؛ وطلب CSR في `{csr}` له المفتاح العام نفسه.',
  'pair.subject': 'الموضوع (Subject)',
  'pair.issuer': 'الجهة المُصدِرة',
  'pair.serial': 'الرقم التسلسلي',
  'pair.valid': 'الصلاحية',
  'pair.validRange': 'من {from} إلى {to}:',
  'pair.expired': 'منتهية الصلاحية (الأيام منذ الانتهاء: {days})',
  'pair.expiring': 'الأيام المتبقية: {days}؛ جدّدها الآن',
  'pair.daysLeft': 'الأيام المتبقية: {days}',
  'pair.keyUsage': 'استخدام المفتاح',
  'pair.extendedKeyUsage': 'الاستخدام الموسّع للمفتاح',
  'pair.none': 'لا يوجد',
  'pair.dnsNames': 'أسماء DNS',
  'pair.fingerprint': 'SHA-256',
  'pair.looksLike': 'النوع المرجّح',
  'pair.noRole': 'لا تطابق أي نوع شهادة في إطار الثقة',
  'pair.passphrase': 'عبارة المرور لملف .p12',
  'pair.downloadP12': 'تنزيل ملف .p12',
  'pair.kid': 'معرّف المفتاح (kid) من الدليل',
  'pair.role': 'نوع الشهادة',
  'pair.rolePlaceholder': 'نوع الشهادة…',
  'pair.downloadJwk': 'تنزيل JWK',
  'pair.privateJwk': 'المفتاح الخاص بصيغة JWK',
  'pair.privateJwkWarning':
    'يحتوي هذا الملف على المفتاح الخاص دون تشفير. لا تُنشئه إلا لأداة تحتاج إلى JWK، واحفظه بالسرية نفسها التي تحفظ بها ملف `.key`، واحذفه عند الانتهاء.',
  'pair.downloadPrivateJwk': 'تنزيل المفتاح الخاص بصيغة JWK',
  'pair.passphraseHint':
    '10 أحرف على الأقل. فمن يحصل على ملف `.p12` يستطيع تجربة عبارات المرور عليه دون اتصال وبأقصى سرعة تتيحها حواسيبه؛ والعبارة الطويلة هي ما يحمي المفتاح. يستغرق إنشاء الملف ثانية أو ثانيتين.',
  'pair.exported': 'أُنشئ في {seconds} ث.',
  'checklist.title': 'قائمة تحقق إطار الثقة للملف `{file}`',
  'checklist.unknownRole': 'نوع الشهادة غير معروف',
  'checklist.passes': 'اجتاز جميع الفحوص',
  'checklist.problems': 'المشكلات: {count}',
  'checklist.pass': 'ناجح:',
  'checklist.fail': 'غير ناجح:',
  'checklist.skipped': 'لم يُفحص:',
  'check.signature': 'توقيع الطلب',
  'check.key': 'المفتاح',
  'check.signature-algorithm': 'خوارزمية التوقيع',
  'check.subject': 'الموضوع (Subject)',
  'check.string-types': 'أنواع السلاسل النصية',
  'check.uuids': 'المعرّفات (UUID)',
  'check.legal-name': 'ترميز الاسم القانوني',
  'check.extensions': 'الامتدادات المطلوبة',
  'check.subject-alt-name': 'الأسماء البديلة للموضوع (subjectAltName)',
  'finding.signature-valid':
    'يتحقق التوقيع الذاتي بالمفتاح العام لطلب CSR.',
  'finding.signature-invalid':
    'لا يتحقق التوقيع الذاتي بالمفتاح العام لطلب CSR (الخوارزمية `{algorithm}`): فقد غُيّر الطلب أو تلف بعد توقيعه. أنشئه مرة أخرى.',
  'finding.key-valid':
    'مفتاح `RSA {bits}-bit, e={exponent}`.',
  'finding.key-rsa-wrong':
    '`RSA {bits}-bit, e={exponent}`؛ ويشترط إطار الثقة مفتاح RSA بطول 2048 بت وأسّ عام e=65537 (`openssl req -newkey rsa:2048`).',
  'finding.key-not-rsa':
    'مفتاح من نوع `{algorithm}`؛ ويشترط إطار الثقة مفتاح RSA بطول 2048 بت وأسّ عام e=65537 (`openssl req -newkey rsa:2048`).',
  'finding.signature-algorithm-valid':
    'الخوارزمية `{algorithm}`.',
  'finding.signature-algorithm-wrong':
    'وُقّع الطلب بالخوارزمية `{algorithm}`؛ والمطلوب `sha256WithRSAEncryption` (`openssl req -sha256`).',
  'finding.subject-multi-valued':
    'تشترك السمات `{rdn}` في RDN واحد (RDN متعدد القيم)؛ والمطلوب {expected}، كلٌّ منها في RDN خاص به. يفعل ذلك الرمز `+` غير المهرَّب في `-subj` في OpenSSL؛ اكتبه بالشكل `\\+`.',
  'finding.subject-order':
    'الموضوع (Subject) هو `{found}`؛ والمطلوب {expected}، كلٌّ منها مرة واحدة وبهذا الترتيب.',
  'finding.subject-empty':
    'الموضوع (Subject) فارغ؛ والمطلوب {expected}، كلٌّ منها مرة واحدة وبهذا الترتيب.',
  'finding.subject-country':
    'قيمة C هي `{country}`؛ والمطلوب `C = AE`.',
  'finding.subject-valid':
    '`{found}`، كلٌّ منها في RDN خاص به وبهذا الترتيب.',
  'finding.string-types-valid':
    'نوع `C` هو `PrintableString`؛ ونوع `O` و`OU` و`CN` هو `UTF8String`.',
  'finding.string-types-wrong':
    '`{found}`؛ والمطلوب أن يكون `C` من نوع `PrintableString`، و`O` و`OU` و`CN` من نوع `UTF8String`، كما يكتبها OpenSSL 3.',
  'finding.uuids-wrong':
    '`{found}`: المطلوب معرّفات UUID بأحرف صغيرة مثل `{example}` (`OU` معرّف المؤسسة، و`CN` معرّف العميل).',
  'finding.uuids-none':
    'لا يوجد `OU` ولا `CN` لفحصهما؛ راجع فحص الموضوع.',
  'finding.uuids-valid':
    '`{names}`: معرّفات UUID بأحرف صغيرة.',
  'finding.legal-name-none':
    'لا يوجد اسم قانوني (`O`) لفحصه؛ راجع فحص الموضوع.',
  'finding.legal-name-replacement':
    'قيمة O هي `{name}`: وفيها الحرف U+FFFD، وهو حرف الاستبدال الذي يتركه فكّ الترميز مكان بايتات لم يستطع قراءتها، فضاع الاسم القانوني. أنشئ طلب CSR مرة أخرى من الاسم كما هو مسجّل؛ واحفظ ملف CSV من Excel بالنوع "CSV UTF-8".',
  'finding.legal-name-mojibake':
    'قيمة O هي `{name}`: بايتات UTF-8 قُرئت كلٌّ منها حرفًا مستقلًا (ترميز مشوّه)؛ والاسم القانوني المقصود على الأرجح `{meant}`. يفعل OpenSSL ذلك بقيمة `-subj` دون `-utf8`: أنشئ طلب CSR مرة أخرى بعد إضافة `-utf8` إلى الأمر، أو بهذه الأداة.',
  'finding.legal-name-valid':
    'قيمة O هي `{name}`، دون أحرف مرمّزة مرتين.',
  'finding.extensions-skipped':
    'لم يُفحص: لم يُحدَّد نوع الشهادة. الامتدادات المطلوبة: `{requested}`. اختر نوع الشهادة لفحصها مقابل ملف تعريفه.',
  'finding.extensions-none':
    'لم يُطلب أي امتداد، مطابقًا تمامًا لأمر إطار الثقة؛ ويطبّق الدليل ملف التعريف `{role}` الخاص به.',
  'finding.extensions-exact':
    '`{requested}`: مطابق تمامًا لملف التعريف `{role}`.',
  'finding.extensions-wrong':
    'الامتدادات المطلوبة `{requested}`؛ والمطلوب لـ `{role}` تمامًا `{expected}`، أو دون أي امتداد (كأمر إطار الثقة).',
  'finding.san-none':
    'لم يُطلب أي اسم بديل.',
  'finding.san-none-expected':
    'لا يوجد، كما يتوقّع `{role}`.',
  'finding.san-missing':
    'لم يُطلب أي اسم؛ ويجب أن يسمّي `{role}` مضيفيه بأسماء DNS، مثل `-addext "subjectAltName=DNS:api.bank.ae"`.',
  'finding.san-not-allowed':
    'طُلب `{names}`؛ ولا يحمل `{role}` الامتداد subjectAltName. احذفه.',
  'finding.san-valid':
    '`{names}`: أسماء DNS صالحة.',
  'finding.san-problems':
    'أسماء DNS غير صالحة: `{invalid}`؛ ومكرّرة: `{repeated}`. كل مضيف اسم DNS بصيغة ASCII، مثل `api.bank.ae`، ويُذكر مرة واحدة.',
  'finding.expected.any':
    '`C = AE, O, OU`، و`CN` لشهادات العميل',
  'finding.expected.client':
    'السمات `C = AE, O, OU, CN`',
  'finding.expected.server':
    '`C = AE, O, OU` (و`CN` اختياريًا)',
  // Issue 17: what the Trust Framework issued (trust-framework.ts, trust-view.ts).
  'trust.environment': 'البيئة',
  'trust.badge.sandbox': 'البيئة التجريبية',
  'trust.badge.production': 'بيئة الإنتاج',
  'trust.leaf.sandbox': '**البيئة التجريبية (Sandbox)**: أصدرتها `{ca}`. تعمل مع البيئة التجريبية فقط، لا مع بيئة الإنتاج.',
  'trust.leaf.production': '**بيئة الإنتاج (Production)**: أصدرتها `{ca}`. تعمل مع بيئة الإنتاج فقط، لا مع البيئة التجريبية.',
  'trust.leaf.other': '**ليست من إطار الثقة**: الجهة المُصدِرة ليست من جهات التصديق في إطار الثقة، فلن يثق بها المشاركون.',
  'trust.policy.yes': 'تحمل سياسة شهادات إطار الثقة `{oid}`.',
  'trust.policy.no': 'لا تحمل سياسة شهادات إطار الثقة `{oid}`: تم التعرّف عليها من اسم الجهة المُصدِرة فقط.',
  'trust.keyId.match': 'معرّف مفتاح الجهة المُصدِرة فيها هو معرّف جهة الإصدار الحقيقية للبيئة التجريبية.',
  'trust.keyId.differs':
    'معرّف مفتاح الجهة المُصدِرة فيها ليس معرّف جهة الإصدار الحقيقية للبيئة التجريبية (`{keyId}`): جهة تصديق بالاسم نفسه ومفتاح آخر، كجهة تصديق للاختبار.',
  'trust.keyId.caDiffers':
    'معرّف المفتاح فيها ليس معرّف جهة الإصدار الحقيقية للبيئة التجريبية (`{keyId}`): جهة تصديق بالاسم نفسه ومفتاح آخر، كجهة تصديق للاختبار.',
  'trust.notVerified': 'تم التعرّف عليها من الاسم والسياسة ومعرّف المفتاح؛ ولا تتحقّق هذه الصفحة من سلسلة التواقيع.',
  'trust.ca.issuing.sandbox': 'جهة الإصدار للبيئة التجريبية',
  'trust.ca.issuing.production': 'جهة الإصدار لبيئة الإنتاج',
  'trust.ca.root.sandbox': 'جهة التصديق الجذرية للبيئة التجريبية',
  'trust.ca.root.production': 'جهة التصديق الجذرية لبيئة الإنتاج',
  'trust.ca.other': 'شهادة جهة تصديق ليست من إطار الثقة',
  'trust.ca.hint': 'شهادة جهة تصديق: لا مفتاح خاص لها لمطابقته. ويمكن أن يتضمّنها ملف `.p12` لشهادة أصدرتها.',
  'trust.mixed':
    'تجمع هذه الملفات بين شهادات **البيئة التجريبية** و**بيئة الإنتاج**. تفشل شهادة البيئة التجريبية عند المصافحة مع بيئة الإنتاج، والعكس كذلك: افصل بينهما.',
  'trust.partly': 'جزئيًّا: {gaps}',
  'trust.gap.no-key-usage': 'لا تحدّد استخدام المفتاح',
  'trust.gap.key-usage-not-critical': 'استخدام المفتاح فيها غير معلَّم بأنه حرج',
  'trust.gap.key-usage-differs': 'استخدام المفتاح فيها يختلف عمّا تصدره جهة تصديق إطار الثقة لهذا النوع',
  'trust.gap.no-extended-key-usage': 'لا تحدّد الاستخدام الموسَّع للمفتاح (عميل TLS أو خادم TLS)',
  'trust.gap.cn-not-client-id': 'قيمة CN فيها ليست معرّف عميل (UUID)',
  'trust.gap.cn-on-lfi-certificate': 'فيها قيمة CN؛ وشهادات المؤسسات المالية المرخّصة التي يصدرها إطار الثقة بلا CN',
  'trust.gap.no-dns-names': 'لا تسمّي أي مضيف DNS',
  'trust.kidHint':
    'مُلئ بقيمة `x5t#S256` للشهادة (ترميز base64url لبصمة SHA-256 الخاصة بها)، وهي ما يستخدمه الدليل معرّفًا للمفتاح kid. غيّره إن عرض الدليل قيمة أخرى.',
  'trust.rotate': 'إنشاء مفاتيح جديدة لهذه الشهادة',
  'trust.rotateHsm': 'إنشاء مفاتيح جديدة في HSM أو KMS',
  'trust.rotateHint':
    'يفتح النموذج وقد مُلئت فيه المؤسسة والمعرّفات ونوع الشهادة وأسماء DNS. تصلح الشهادات 13 شهرًا على الأكثر: ارفع طلب التوقيع الجديد قبل انتهاء صلاحية هذه الشهادة.',
  'trust.jwks.title': 'مجموعة مفاتيح JWK للتطبيق',
  'trust.jwks.hint':
    'ملف `jwks.json` واحد فيه المفتاح العام لكل شهادة توقيع وتشفير لهذا التطبيق: معرّف المفتاح kid (قيمة x5t#S256) وuse وalg وx5c وx5t#S256.',
  'trust.jwks.includeTransport': 'تضمين مفاتيح النقل (وهي لاتصالات TLS، لا لرموز JWT)',
  'trust.jwks.download': 'تنزيل jwks.json',
  'trust.paste.summary': 'أو الصق نص PEM أو مجموعة مفاتيح JWKS',
  'trust.paste.label': 'شهادات أو سلسلة شهادات أو طلبات توقيع بصيغة PEM، أو مجموعة مفاتيح JWKS بصيغة JSON',
  'trust.paste.add': 'إضافة النص الملصق',
  'trust.paste.privateKey':
    'يحتوي النص الملصق على مفتاح خاص، فلم تتم قراءته: اختر ملف `.key` بدلًا من ذلك، فيذهب المفتاح مباشرة إلى الجزء الذي يحتفظ بالمفاتيح في الصفحة.',
  'trust.files.title': 'الملفات المحمّلة: {count}',
  'trust.files.remove': 'إزالة {file}',
  'trust.files.removeShort': 'إزالة',
  'trust.snippets.title': 'طريقة الاستخدام',
  'trust.snippets.hint':
    'جاهزة للنسخ بأسماء هذه الملفات وهذا المعرّف kid. استبدل `API_HUB_HOST` بالمضيف الذي يذكره الدليل لمنصة API Hub، واحفظ ملف `.key` حيث لا يقرؤه إلا تطبيقك. يتحقق الخادم من شهادات عملائه مقابل `trust-framework-ca.pem`: احفظ فيه شهادتي الجهة الجذرية والجهة المُصدِرة في إطار الثقة.',
  'trust.snippet.curl': 'curl، اتصال mTLS بمنصة API Hub',
  'trust.snippet.nginx': 'خادم nginx',
  'trust.snippet.node': 'بيئة Node.js',
  'trust.snippet.python': 'لغة Python (مكتبة requests)',
  'trust.snippet.java': 'لغة Java (ملف .p12)',
  'trust.snippet.dotnet': 'منصة .NET (ملف .p12 محفوظًا باسم .pfx)',
  'trust.snippet.openssl': 'فحص الخادم باستخدام OpenSSL',
  'trust.snippet.jwt': 'ترويسة JWT للتوقيع (PS256)',
  'trust.snippet.jwe': 'ترويسة JWE التي يشفّر بها الآخرون لهذا المفتاح (RSA-OAEP-256)',
  'trust.p12.passphrase': 'عبارة المرور للملف {file}',
  'trust.p12.open': 'فتح',
  'trust.includeChain': 'تضمين شهادات جهات التصديق التي أُفلتت معها ({count}): {names}',
};

/**
 * One message per error code: the rule and the fix. `«{value}»` quotes what
 * the user entered; the page removes it (and a colon right after it) when it
 * does not know the value, so every sentence reads well without it, and no
 * `«{value}»` is followed by a colon that the sentence needs.
 */
export const arErrors: Record<ErrorCode, string> = {
  // The form (request.ts, dns.ts)
  // The form shows the message for its field (arRequired below); this one is for a field it does not name.
  required:
    'هذه القيمة مطلوبة. أدخل القيمة كما يعرضها دليل إطار الثقة: الاسم القانوني للمؤسسة تمامًا كما هو مسجّل، والمعرّفات بصيغة UUID مثل `4af0a68f-d8a8-46c4-ace6-6949e8343868`.',
  'uuid-shape':
    'القيمة المُدخلة «{value}» ليست بصيغة UUID. يجب أن يكون المعرّف بصيغة UUID بأحرف صغيرة كما يعرضه الدليل، مثل `4af0a68f-d8a8-46c4-ace6-6949e8343868`.',
  'uuid-braces':
    'المعرّف المُدخل «{value}» بين قوسين معقوفين، كما يكتبه Windows. يجب كتابة المعرّف بصيغة UUID دون أقواس وبأحرف صغيرة كما يعرضه الدليل؛ استخدم الصيغة «{fix}».',
  'uuid-uppercase':
    'المعرّف المُدخل «{value}» يحتوي على أحرف كبيرة. يجب كتابة المعرّف بأحرف صغيرة كما يعرضه الدليل؛ استخدم الصيغة «{fix}».',
  'name-too-long':
    'الاسم القانوني المُدخل «{value}» أطول من 64 حرفًا. يجب أن يكون الاسم القانوني للمؤسسة من 1 إلى 64 حرفًا، تمامًا كما هو مسجّل في إطار الثقة.',
  'name-control-character':
    'الاسم القانوني المُدخل «{value}» يحتوي على الحرف غير المرئي أو حرف التحكّم «{character}»، مثل علامات اتجاه الكتابة التي قد تُنسخ مع النص؛ احذفه. يجب أن يكون الاسم القانوني للمؤسسة من 1 إلى 64 حرفًا، تمامًا كما هو مسجّل في إطار الثقة، دون أحرف تحكّم أو أحرف غير مرئية.',
  'name-surrounding-space':
    'الاسم القانوني المُدخل «{value}» يبدأ أو ينتهي بمسافة؛ احذفها. يجب أن يكون الاسم القانوني للمؤسسة من 1 إلى 64 حرفًا، تمامًا كما هو مسجّل في إطار الثقة.',
  'name-malformed':
    'يحتوي الاسم القانوني على حرف تالف (lone surrogate)؛ أعد كتابته. يجب أن يكون الاسم القانوني للمؤسسة من 1 إلى 64 حرفًا، تمامًا كما هو مسجّل في إطار الثقة.',
  'name-replacement-character':
    'الاسم القانوني المُدخل «{value}» يحتوي على حرف الاستبدال «{character}»، الذي يتركه فكّ ترميز نصٍّ بترميز خاطئ (كملف CSV حفظه Excel بترميز Windows-1252). أعد كتابة الاسم أو احفظ الملف بترميز UTF-8. يجب أن يكون الاسم القانوني للمؤسسة تمامًا كما هو مسجّل في إطار الثقة.',
  'name-not-normalised':
    'الاسم القانوني المُدخل «{value}» مكتوب بأحرف مفكَّكة (ليس بصيغة Unicode NFC)، فتختلف بايتاته عن الاسم المسجّل وإن بدا مطابقًا له. استخدم الصيغة «{fix}».',
  'no-certificate-selected':
    'اختر شهادة واحدة على الأقل لإنشائها: النقل أو التوقيع أو التشفير لشهادات العميل، أو النقل (الخادم) أو التوقيع (الخادم) أو التشفير (الخادم) لشهادات الخادم. وفي ملف CSV، اكتبها في العمود roles، مثل transport;signing;encryption أو server_transport;server_signing.',
  'dns-name-invalid':
    'اسم DNS المُدخل «{value}» غير صالح أو مكرّر. اكتب اسم المضيف الكامل فقط، مثل api.bank.ae، بأحرف وأرقام وشرطات ونقاط، دون بروتوكول أو منفذ أو مسار أو مسافات أو شرطة سفلية، وليس عنوان IP. لا يبدأ أي جزء بين النقاط بشرطة ولا ينتهي بها، ولا يتجاوز 63 حرفًا؛ ويكون حرف البدل * الجزء الأول كاملًا، مثل *.bank.ae. اذكر كل اسم مرة واحدة، ولا يتجاوز الاسم الشائع (CN) 64 حرفًا.',
  'dns-names-required':
    'أدخل اسم DNS واحدًا على الأقل لشهادة النقل الخاصة بالخادم، مثل api.bank.ae. وفي الأمر الملصق، أضف -addext "subjectAltName=DNS:api.bank.ae".',

  // File names (names.ts)
  'file-name-invalid':
    'اسم الملف «{value}» غير مسموح به: فهو فارغ أو طويل جدًّا أو يبدأ بنقطة أو ينتهي بها. يتكوّن اسم الملف من 1 إلى 100 حرف من الأحرف اللاتينية A–Z والأرقام والنقاط والشرطات والشرطات السفلية، ولا يبدأ بنقطة ولا ينتهي بها.',
  'file-name-character':
    'يحتوي اسم الملف «{value}» على حرف غير مسموح به في أسماء الملفات «{character}». يتكوّن اسم الملف من 1 إلى 100 حرف من الأحرف اللاتينية A–Z والأرقام والنقاط والشرطات والشرطات السفلية فقط؛ احذف الحرف أو استبدله.',
  'file-name-reserved':
    'الاسم «{value}» محجوز: إمّا اسم جهاز في Windows (CON وPRN وAUX وNUL وCOM1… وLPT1…)، وإمّا اسم ملف تكتبه هذه الأداة في ملف zip بنفسها (README.txt وmanifest.csv). اختر اسمًا آخر.',
  'file-name-extension':
    'امتداد اسم الملف «{value}» لا يناسب محتواه: ينتهي اسم ملف طلب توقيع الشهادة بـ .csr أو .req أو .pem، واسم ملف المفتاح الخاص بـ .key أو .pem. استخدم مثلًا «{fix}».',
  'file-names-swapped':
    'اسما الملفين في الأمر مقلوبان: يستقبل الخيار `-out` طلب توقيع الشهادة (الملف الذي ترفعه)، ويستقبل `-keyout` المفتاح الخاص (الملف الذي تحتفظ به سرًّا)، فكان ملف `.csr` سيحتوي على المفتاح الخاص. بدّل الاسمين بين الخيارين، فيصبح الأمر «{fix}».',
  'file-names-equal':
    'يكتب الخياران `-out` و`-keyout` كلاهما الملف «{value}»، فيصبح المفتاح الخاص وطلب توقيع الشهادة ملفًا واحدًا ويُكتب أحدهما فوق الآخر. أعطِ كلًّا منهما اسمًا خاصًا به، مثل `app.csr` و`app.key`.',
  'file-name-duplicate':
    'يكتب أمران الملف نفسه «{value}»، أو ملفين لا يختلف اسماهما إلا في حالة الأحرف أو في ترميز Unicode، وهما ملف واحد في Windows وmacOS فيُكتب أحدهما فوق الآخر. أعطِ كل ملف اسمًا خاصًا به.',

  // The gate (gate.ts): the last check before a download
  'gate-entry-name':
    'اسم الملف «{value}» في ملف zip ليس اسم ملف آمنًا. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-duplicate-entry':
    'كان ملف zip سيحتوي على الملف «{value}» وعلى ملف آخر بالاسم نفسه (مع تجاهل حالة الأحرف)، فيستبدل أحدهما الآخر عند فك الضغط في Windows أو macOS. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-unexpected-entry':
    'الملف «{value}» ليس مفتاحًا ولا طلب توقيع شهادة ولا ملفًا تكتبه هذه الأداة، أو أنه مفقود من ملف zip. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-csr-unreadable':
    'الملف «{value}» لا يحتوي على طلب توقيع شهادة بصيغة PKCS#10، وربما بُدِّل المفتاح الخاص بطلب توقيع الشهادة. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-csr-signature':
    'التوقيع الذاتي لطلب توقيع الشهادة «{value}» لا يتحقق. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-csr-checklist':
    'طلب توقيع الشهادة «{value}» لا يجتاز قائمة تحقق إطار الثقة لنوع شهادته. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-key-unreadable':
    'الملف «{value}» لا يحتوي على مفتاح RSA خاص غير مشفّر بصيغة PKCS#8، وربما بُدِّل المفتاح الخاص بطلب توقيع الشهادة. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-key-encrypted':
    'المفتاح الخاص «{value}» مشفّر، وهذه الأداة تكتب المفاتيح غير مشفّرة كما يفعل الأمر openssl req -nodes. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-key-not-rsa-2048':
    'المفتاح الخاص «{value}» ليس مفتاح RSA بطول 2048 بت وأسٍّ عام 65537 كما يشترط إطار الثقة. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-key-mismatch':
    'المفتاح الخاص «{value}» ليس مفتاح طلب توقيع الشهادة المقترن به، فمفتاحاهما العامّان مختلفان. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',
  'gate-name-unquoted':
    'يذكر الملف README.txt أو الملف manifest.csv اسم الملف «{value}» دون علامات اقتباس. لم يُعرض أي ملف للتنزيل. هذا خلل في هذه الأداة وليس فيما أدخلته، فيُرجى الإبلاغ عنه.',

  // A pasted OpenSSL command (openssl-req.ts, pasted-commands.ts)
  'command-empty': 'الصق أمر openssl req الذي يعرضه دليل إطار الثقة.',
  'command-syntax':
    'تعذّرت قراءة الأمر «{value}». الصق الأمر الذي يبدأ بـ openssl req كاملًا كما يعرضه الدليل، وتأكّد من إغلاق كل علامة اقتباس، ومن أن لكل أمر ملفات بأسماء خاصة به، وأن -out و-keyout لنوع الشهادة نفسه.',
  'unknown-option':
    'الخيار «{value}» لا تفهمه هذه الأداة؛ احذفه. تقرأ الأداة الخيارات -new و-newkey rsa:2048 و-nodes و-sha256 و-utf8 و-out و-keyout و-subj و-addext فقط. وهي تُنشئ مفتاحًا جديدًا دائمًا، فاستخدم -newkey rsa:2048 بدلًا من -key.',
  'missing-value':
    'الخيار «{value}» في الأمر يحتاج إلى قيمة بعده، مثل -out app.csr. أضف القيمة، أو الصق الأمر كاملًا.',
  'key-not-rsa-2048':
    'نوع المفتاح المطلوب «{value}» غير مسموح به: يشترط إطار الثقة مفاتيح RSA بطول 2048 بت. استخدم -newkey rsa:2048.',
  'p12-passphrase-needed':
    'الملف «{value}» بصيغة PKCS#12 (.p12)، وهو محميّ بعبارة مرور. أدخل عبارة المرور لقراءة المفتاح والشهادات التي فيه؛ يبقى المفتاح في الجزء الذي يحتفظ بالمفاتيح في الصفحة.',
  'p12-passphrase-wrong':
    'عبارة المرور لا تفتح الملف «{value}» (يفشل فحص سلامته). أعد كتابتها؛ فهي تميّز بين الأحرف الكبيرة والصغيرة.',
  'p12-encryption-unsupported':
    'الملف مشفّر بطريقة PKCS#12 قديمة «{value}» (مثل 3DES أو RC2) لا تستطيع المتصفحات فكّ تشفيرها. حوّل نسخة منه باستخدام OpenSSL: openssl pkcs12 -in old.p12 -nodes | openssl pkcs12 -export -out converted.p12، ثم أضف الملف الناتج.',
  'encrypted-key':
    'يطلب الخيار «{value}» مفتاحًا مشفّرًا، ولا تُنشئ هذه الأداة مفاتيح خاصة مشفّرة ولا تقرؤها. في الأمر، احذف -passout أو -passin وأبقِ -nodes، واحمِ ملف المفتاح نفسه. ولفحص مفتاح مشفّر مقابل شهادته، فكّ تشفير نسخة منه بالأمر openssl pkey -in <ملف المفتاح> -out decrypted.key (يطلب عبارة المرور)، ثم أضف النسخة واحذفها بعد الانتهاء.',
  'digest-not-sha256':
    'خوارزمية التجزئة «{value}» غير مسموح بها: يشترط إطار الثقة SHA-256. استخدم -sha256.',
  'config-file':
    'الخيار -config يشير إلى ملف لا تستطيع هذه الصفحة قراءته. احذفه، وحدّد جميع القيم باستخدام -subj و-addext.',
  'subject-syntax':
    'قيمة -subj «{value}» غير صحيحة الصيغة. يجب أن تبدأ القيمة بالرمز / وأن يكون كل جزء منها بالشكل النوع=القيمة، مثل /C=AE/O=…/OU=…/CN=…. اكتب / داخل الاسم بالشكل \\/ والشرطة المائلة العكسية بالشكل \\\\.',
  'subject-attribute':
    'السمة «{value}» في -subj ليست جزءًا من موضوع إطار الثقة أو ليست في موضعها. الموضوع هو C ثم O ثم OU ثم CN، كلٌّ منها مرة واحدة وبهذا الترتيب، مثل /C=AE/O=…/OU=…/CN=…؛ احذف أي سمة أخرى.',
  'multi-valued-rdn':
    'الرمز + في -subj «{value}» يجمع سمتين في RDN واحد، وهذا غير مسموح به. إن كان + جزءًا من الاسم فاكتبه بالشكل \\+.',
  'country-not-ae': 'رمز الدولة «{value}» في -subj غير مقبول: يشترط إطار الثقة C=AE. غيّره إلى C=AE.',
  'subject-missing':
    'الموضوع (Subject) في الأمر ناقص «{value}». أضف -subj بالصيغة /C=AE/O=…/OU=…/CN=…، حيث O الاسم القانوني للمؤسسة، وOU معرّف المؤسسة، وCN معرّف العميل، وهو مطلوب لشهادات العميل.',
  'missing-output':
    'ينقص الأمرَ اسمُ ملف إخراج للخيار «{token}»، أو أن قيمته «{value}» اسم مجلد. أضف -out باسم ملف .csr و-keyout باسم ملف .key، وكلٌّ منهما اسم ملف لا اسم مجلد.',
  'extension-unsupported':
    'الامتداد «{value}» في -addext غير مدعوم، أو مكرّر، أو لا يناسب نوع الشهادة، أو فيه جزء غير صالح «{token}». تقرأ الأداة keyUsage وextendedKeyUsage وsubjectAltName فقط، كلًّا منها مرة واحدة؛ وsubjectAltName لشهادة النقل الخاصة بالخادم وحدها، ويحتوي أسماء DNS فقط، مثل DNS:api.bank.ae. صحّح -addext أو احذفه.',
  'extensions-differ':
    'قيم -addext في الأمر تختلف عمّا يطلبه نوع الشهادة. النقل: keyUsage=critical,digitalSignature,keyEncipherment وextendedKeyUsage=clientAuth؛ النقل (الخادم): keyUsage=critical,digitalSignature,keyEncipherment وextendedKeyUsage=serverAuth؛ التوقيع والتوقيع (الخادم): keyUsage=critical,digitalSignature,nonRepudiation؛ التشفير: keyUsage=critical,keyEncipherment. استخدم هذه القيم تمامًا، أو احذفها كلها.',
  'role-required': 'اختر نوع الشهادة للملف «{value}»؛ فاسم الملف لا يذكر نوعها.',
  'command-too-long':
    'النص الملصق أطول أو أعقد من الحد المسموح به: تقرأ هذه الصفحة في المرة الواحدة نصًّا لا يتجاوز 1 MiB، أي 1,048,576 وحدة UTF-16، ولا يتجاوز فيه أي أمر 1,000 كلمة، ولا تتجاوز المسافات وعلامات الاقتباس والفواصل فيه 10,000؛ وأمر الدليل نحو 12 كلمة. الصق أوامر openssl req وحدها.',
  'command-too-many':
    'يحتوي النص الملصق على أكثر من 50 أمرًا، وهو أقصى عدد تقرؤه هذه الصفحة في المرة الواحدة. لإنشاء شهادات لتطبيقات كثيرة، استخدم تبويب الدفعة مع ملف CSV فيه تطبيق واحد في كل صف.',
  'shell-expansion':
    'في الأمر صياغة خاصة بالصدفة (shell) «{token}»، تضع الصدفة مكانها قيمة متغيّر أو ناتج أمر قبل أن يرى OpenSSL الأمر؛ أما هذه الصفحة فتقرأ الأمر كما لُصق، ولا تستطيع معرفة تلك القيمة. اكتب القيمة نفسها مكانها (الاسم القانوني أو المعرّف أو اسم الملف)، أو الصق الأمر كما طبعته الطرفية بعد ملء القيم.',
  'windows-path':
    'في الأمر مسار بصيغة Windows «{token}»، لكن الأمر مكتوب لـ bash (تنتهي أسطره بالرمز `\\`)، وفي bash تُحذف كل شرطة مائلة عكسية فيتشوّه اسم الملف. الصق الأمر كما يعرضه cmd.exe أو PowerShell (تنتهي أسطره بالرمز `^` أو بعلامة الإمالة العكسية)، أو اكتب اسم الملف وحده، أو اكتب المسار بالشرطة المائلة `/` بدلًا من `\\`.',

  // A batch CSV (batch.ts)
  'batch-has-problems':
    'لا يمكن إنشاء الملفات من ملف CSV بعد. الصق محتوى CSV أو اختر ملفًا، بتطبيق واحد في كل صف، ثم صحّح المشكلات المدرجة، أو استبعد الصفوف التي فيها مشكلات.',
  'csv-empty':
    'الملف «{value}» فارغ أو لا يحتوي على أي تطبيق. سمِّ الأعمدة في الصف الأول: legal_name وorganisation_id وclient_id وroles، وdns_names لشهادات الخادم، بأي ترتيب، ثم أضف صفًّا لكل تطبيق تحته.',
  'csv-too-large':
    'ملف CSV «{value}» أكبر من الحد الأقصى المسموح به «{limit}»، أي نحو 8000 تطبيق. قسّمه إلى ملفات أصغر.',
  'csv-not-text':
    'الملف «{value}» ليس ملف CSV نصيًّا، ففيه بايتات قيمتها صفر: ربما كان جدول بيانات (.xlsx) أو نصًّا بترميز UTF-16 دون علامة ترتيب البايتات (BOM). في Excel استخدم الأمر حفظ باسم (Save As) واختر النوع CSV UTF-8 (Comma delimited)، ثم اختر ذلك الملف.',
  'csv-encoding':
    'يبدأ الملف «{value}» بعلامة ترتيب البايتات (BOM) التي تدلّ على ترميزه، لكنّ بعض بايتاته لا تتبع هذا الترميز، فالملف تالف. في Excel استخدم الأمر حفظ باسم (Save As) واختر النوع CSV UTF-8 (Comma delimited)، ثم اختر ذلك الملف.',
  'csv-encoding-unconfirmed':
    'الملف «{value}» ليس بترميز UTF-8، فقُرئ بترميز Windows-1252 الذي يستخدمه Excel. تحقّق من الأسماء القانونية المعروضة وأكّد أنها صحيحة، أو احفظ الملف في Excel بالنوع CSV UTF-8 (Comma delimited) واختره مرة أخرى.',
  'csv-missing-column':
    'ينقص صفَّ العناوين عمودٌ مطلوب. سمِّ الأعمدة في الصف الأول: legal_name وorganisation_id وclient_id وroles، وdns_names لشهادات الخادم، بأي ترتيب.',
  'csv-unknown-column':
    'العمود «{value}» ليس من الأعمدة التي تقرؤها هذه الأداة. أعد تسميته إلى أحد الأسماء legal_name أو organisation_id أو client_id أو roles أو dns_names، أو احذفه.',
  'csv-duplicate-column': 'العمود «{value}» مكرّر في صف العناوين؛ احذف أحد العمودين.',
  'csv-extra-field':
    'في هذا الصف قيمة «{value}» في عمود لا اسم له في صف العناوين. احذفها أو سمِّ العمود؛ وإن كانت جزءًا من الخلية السابقة فضع تلك الخلية بين علامتي اقتباس مزدوجتين.',
  'csv-unclosed-quote':
    'القيمة المقتبسة «{value}» ليس لها علامة اقتباس ختامية (")، فقُرئ باقي الملف داخلها. أغلق علامة الاقتباس؛ وداخل القيمة المقتبسة اكتب علامة الاقتباس مرتين ("").',
  'csv-value-not-used':
    'القيمة «{value}» لا تُستخدم في هذا الصف. العمود dns_names لشهادات server_transport فقط، والعمود client_id لا يُستخدم لشهادات الخادم؛ اترك الخلية فارغة، أو أضف server_transport إلى العمود roles.',
  'unknown-role':
    'القيمة «{value}» في العمود roles ليست نوع شهادة. اكتب transport;signing;encryption لتطبيق، أو server_transport;server_signing;server_encryption لمؤسسة مالية مرخّصة (LFI).',
  'roles-mixed':
    'يجمع هذا الصف شهادات تطبيق وشهادات خادم. الصف إمّا لشهادات تطبيق (transport وsigning وencryption) وإمّا لشهادات خادم مؤسسة مالية مرخّصة (server_transport وserver_signing وserver_encryption)؛ ضع شهادات الخادم في صف مستقل.',
  'duplicate-application':
    'المعرّف «{value}» مكرّر في صف آخر. ضع كل تطبيق، أو شهادات الخادم لكل مؤسسة، في صف واحد بجميع أنواع شهاداته وأسماء DNS الخاصة به، حتى تُنشأ مفاتيحه مرة واحدة.',

  // Files dropped in the Certificates view (sniff.ts)
  'file-too-large':
    'الملف «{value}» أكبر من الحد المسموح به: تقرأ هذه الأداة ملفات لا يتجاوز حجمها 5 MiB وملفات zip لا يتجاوز حجمها 20 MiB، والشهادات وطلبات CSR والمفاتيح لا تتجاوز بضعة كيلوبايتات. اختر ملف .pem أو .crt أو .csr أو .key.',
  'file-malformed': 'الملف «{value}» فارغ أو تالف أو ناقص، ولا يمكن قراءته. نزّله أو انسخه مرة أخرى.',
  'file-unsupported':
    'الملف «{value}» ليس شهادة ولا طلب توقيع شهادة (CSR) ولا مفتاحًا خاصًا أو عامًا من نوع RSA. تقرأ هذه الأداة الشهادات وطلبات توقيع الشهادات (CSR) والمفاتيح الخاصة من نوع RSA، بصيغة PEM أو DER.',
  'pem-too-many-blocks':
    'يحتوي الملف «{value}» على أكثر من 64 كتلة PEM، وهو أقصى عدد تقرؤه هذه الأداة في ملف واحد؛ وسلسلة الشهادات لا تتجاوز بضع كتل. اختر ملفات شهاداتك ومفاتيحك وطلبات CSR الخاصة بك.',
  'zip-too-large': 'الملف المضغوط «{value}» أكبر من 20 MiB، وهو أقصى حجم تفتحه هذه الأداة. أفلت ملفات الشهادات والمفاتيح وطلبات CSR وحدها.',
  'zip-too-many-entries':
    'يحتوي الملف المضغوط «{value}» على أكثر من 1000 ملف، وهو أقصى عدد تفتحه هذه الأداة. أفلت ملفات الشهادات والمفاتيح وطلبات CSR وحدها.',
  'zip-entry-too-large':
    'الملف «{value}» داخل الملف المضغوط أكبر من 1 MiB بعد فك الضغط، والشهادات وطلبات CSR والمفاتيح لا تتجاوز بضعة كيلوبايتات؛ لذلك لم يُقرأ.',
  'zip-inflated-too-large':
    'فك ضغط «{value}» مع سائر الملفات المضغوطة يتجاوز 50 MiB، وهو أقصى ما تفك هذه الأداة ضغطه. أفلت ملفات الشهادات والمفاتيح وطلبات CSR وحدها.',
  'zip-nested': 'الملف «{value}» ملف مضغوط داخل ملف مضغوط، ولا تفتح هذه الأداة مثله. فك ضغطه ثم أفلت ملفاته.',
  'zip-entry-unsupported':
    'الملف «{value}» داخل الملف المضغوط مشفّر أو مضغوط بطريقة لا تقرؤها هذه الأداة. فك ضغطه بنفسك ثم أفلت الملف.',

  // Exports after issuance (pkcs12.ts, jwk.ts)
  'passphrase-required':
    'أدخل عبارة مرور لملف .p12. فهي تحمي المفتاح الخاص داخله، ويطلبها Windows وJava وOpenSSL لفتح الملف.',
  'passphrase-not-ascii':
    'تحتوي عبارة المرور على أحرف من خارج ASCII؛ استخدم أحرفًا لاتينية وأرقامًا ومسافات وعلامات ترقيم من ASCII فقط. لا تستطيع Java فتح ملف .p12 إذا احتوت عبارة مروره على أحرف أخرى.',
  'passphrase-too-short':
    'عبارة المرور قصيرة: اجعلها 10 أحرف على الأقل. فمن يحصل على ملف .p12 يستطيع تجربة عبارات المرور عليه دون اتصال وبلا حدّ لعدد المحاولات، والعبارة القصيرة تُخمَّن بسرعة.',
  'key-not-held':
    'لم يعد المفتاح الخاص الذي أفلتّه محفوظًا في الذاكرة (مُسح عند المسح أو عند إعادة تشغيل العامل). أفلت ملف المفتاح وشهادته مرة أخرى ثم أعد المحاولة.',
  'key-invalid':
    'يجب أن يكون المفتاح الخاص ملف .key الذي أُنشئ مع طلب CSR: مفتاح RSA غير مشفّر بصيغة PKCS#8 PEM، يبدأ بالسطر -----BEGIN PRIVATE KEY-----.',
  'certificate-invalid':
    'يجب أن تكون الشهادة بصيغة PEM، تبدأ بالسطر -----BEGIN CERTIFICATE-----، وتحمل مفتاحًا عامًا من نوع RSA؛ فشهادات AlTareq من نوع RSA 2048.',
  'key-certificate-mismatch':
    'الشهادة لا تخص هذا المفتاح الخاص: المفتاحان العامّان مختلفان. اختر الشهادة التي أصدرها الدليل لطلب CSR الذي أُنشئ بهذا المفتاح.',
  'kid-required': 'أدخل معرّف المفتاح (kid) الذي عرضه دليل إطار الثقة عند إصدار الشهادة.',

  // A key in an HSM or KMS (hsm-public-key.ts, hsm-signature.ts)
  'key-location-invalid':
    'معرّف المفتاح «{value}» لا يطابق صيغة النظام المختار. في AWS KMS: ARN المفتاح أو الاسم المستعار (alias/…) أو معرّفه؛ وفي Azure Key Vault: معرّف المفتاح الكامل مع إصداره (https://…/keys/…/…)؛ وفي Google Cloud KMS: اسم مورد إصدار المفتاح (projects/…/cryptoKeyVersions/…)؛ وفي PKCS#11: معرّف المفتاح بصيغة hex وتسمية الرمز المميز (token) ومسار الوحدة.',
  'public-key-unreadable':
    'تعذّرت قراءة المفتاح العام. الصق ما طبعه أمر التصدير كاملًا: PEM (-----BEGIN PUBLIC KEY-----)، أو DER بترميز base64، أو JSON الناتج عن aws kms get-public-key، أو JWK، أو شهادة؛ أو أفلت ملفه.',
  'public-key-not-rsa-2048':
    'نوع هذا المفتاح «{token}» غير مقبول: يشترط إطار الثقة مفتاح RSA بطول 2048 بت وأسّ عام 65537. أنشئ مفتاح توقيع RSA 2048: في AWS KMS مواصفة المفتاح RSA_2048 مع الاستخدام SIGN_VERIFY؛ وفي Google Cloud KMS الخوارزمية RSA_SIGN_PKCS1_2048_SHA256؛ وفي Azure Key Vault النوع RSA-HSM بحجم 2048؛ وفي PKCS#11 --key-type rsa:2048.',
  'public-key-cannot-sign':
    'أُنشئ هذا المفتاح للتشفير وفكّ التشفير فقط «{token}»، فلا يستطيع التوقيع، ولا حتى على طلب توقيع شهادته. أنشئ المفتاح باستخدام SIGN_VERIFY.',
  'public-key-is-private':
    'هذا مفتاح خاص. الصق المفتاح العام فقط: المفتاح الخاص في HSM أو KMS لا يغادره أبدًا، ولا تحتاج هذه الصفحة إلا إلى النصف العام.',
  'signature-unreadable':
    'تعذّرت قراءة التوقيع. الصق ما طبعه أمر التوقيع تمامًا: base64 أو base64url أو hex، أو JSON الناتج كاملًا؛ أو أفلت ملف التوقيع.',
  'signature-length':
    'طول هذا التوقيع بالبايت «{token}»، وتوقيع RSA-2048 طوله 256 بايت. تأكّد من نسخه كاملًا، ومن أن المفتاح RSA 2048.',
  'signature-other-key':
    'لم يُنشأ هذا التوقيع بالمفتاح الذي أعطيت مفتاحه العام. وقّع بالمفتاح نفسه الذي صدّرته، أو الصق المفتاح العام لذلك المفتاح.',
  'signature-pss':
    'هذا توقيع RSA-PSS، وطلب توقيع الشهادة يحتاج إلى PKCS#1 v1.5 (sha256WithRSAEncryption). وقّع مرة أخرى باستخدام RSASSA_PKCS1_V1_5_SHA_256 أو RS256 أو SHA256-RSA-PKCS.',
  'signature-hashed-twice':
    'جُزّئت البايتات مرتين: جزّأ أداة التوقيع ما أُعطيته، وقد أُعطيت خلاصة SHA-256. أعطها البايتات المراد توقيعها نفسها (AWS --message-type RAW، أو gcloud --input-file، أو pkcs11-tool SHA256-RSA-PKCS)، أو أعطها الخلاصة في وضع لا يجزّئ مرة أخرى (AWS --message-type DIGEST، أو عملية التوقيع في Key Vault).',
  'signature-no-digest-info':
    'وُقّعت خلاصة SHA-256 دون بنية DigestInfo الخاصة بها (RSA-PKCS خام على الخلاصة). وقّع باستخدام SHA256-RSA-PKCS على البايتات، أو RSA-PKCS على DigestInfo.',
  'signature-wrong-digest':
    'يستخدم هذا التوقيع خوارزمية التجزئة «{token}»، وطلب توقيع الشهادة يحتاج إلى SHA-256. وقّع مرة أخرى باستخدام SHA-256.',
  'signature-earlier-request':
    'هذا التوقيع على البايتات المراد توقيعها لطلب سابق، لا للطلب الحالي. نزّل البايتات المراد توقيعها مرة أخرى ووقّعها.',
  'signature-other-bytes':
    'وقّع المفتاح بايتات غير البايتات المراد توقيعها لهذا الطلب. وقّع الملف الذي نزّلته من هذه الصفحة كما هو دون تعديل، لا نسخة منه بنهايات أسطر مختلفة، ولا الخلاصة بصيغة hex.',
};

/** "Required", for each field the core says it of: what to enter there, as the English message says. */
export const arRequired: Partial<Record<Field, string>> = {
  legalName: 'أدخل الاسم القانوني للمؤسسة، تمامًا كما هو مسجّل في إطار الثقة.',
  organisationId: 'أدخل معرّف المؤسسة (Organisation ID)، بصيغة UUID مثل `4af0a68f-d8a8-46c4-ace6-6949e8343868`، كما يعرضه دليل إطار الثقة.',
  clientId: 'أدخل معرّف العميل (Client ID)، بصيغة UUID مثل `4af0a68f-d8a8-46c4-ace6-6949e8343868`، كما يعرضه دليل إطار الثقة في صفحة التطبيق.',
  command: 'أدخل المعرّف المطلوب في -subj، بصيغة UUID مثل `4af0a68f-d8a8-46c4-ace6-6949e8343868`، كما يعرضه دليل إطار الثقة.',
};

/** One message per warning: something worth a second look that does not stop generation. */
export const arWarnings: Record<WarningCode, string> = {
  'ids-same':
    'معرّف العميل مطابق لمعرّف المؤسسة، وهما مختلفان عادةً: معرّف العميل يخص التطبيق، ومعرّف المؤسسة يخص المؤسسة. تحقّق من كليهما في الدليل.',
  'legal-name-is-uuid': 'يبدو الاسم القانوني للمؤسسة بصيغة UUID. هل بدّلته مع معرّف المؤسسة أو معرّف العميل؟',
  'utf8-added':
    'يحتوي الموضوع (Subject) على أحرف من خارج ASCII، لكن الأمر لا يتضمن -utf8، فكان OpenSSL سيشوّه هذه الأحرف. تُرمّزها هذه الأداة بصيغة UTF-8 ترميزًا صحيحًا.',
  'key-unencrypted':
    'من دون -nodes كان OpenSSL سيطلب عبارة مرور. تكتب هذه الأداة المفتاح دون تشفير، كما يفعل أمر الدليل؛ فاحفظه في مكان آمن.',
};

/** All of it, as the build packs it into the page and the page reads it back when Arabic is chosen. */
export const arabic = { messages: ar, errors: arErrors, required: arRequired, warnings: arWarnings };
export type ArabicCatalogue = typeof arabic;
