import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LIMITS, MAX_READ_BYTES, isZip, readDroppedFiles, sizeRefusal, type DroppedFile } from '../../src/lib/read-files';
import { FIXTURES } from '../support/fixtures';
import { zip, type ZipEntry } from '../support/zip';

const MiB = 1024 * 1024;
const CERTIFICATE = new Uint8Array(readFileSync(`${FIXTURES}checklist/certificate.pem`));
const file = (name: string, content: Uint8Array): DroppedFile => ({ name, size: content.length, bytes: new Uint8Array(content) });

const deflated = (name: string, content: Uint8Array, size = content.length): ZipEntry => ({ name, data: deflateRawSync(content), size });
const problems = async (...files: DroppedFile[]) => (await readDroppedFiles(files)).problems.map((p) => [p.code, p.fileName]);

describe('readDroppedFiles', () => {
  it('opens a zip as this tool writes it (jszip), skipping its README.txt and manifest.csv and folders', async () => {
    const bundle = new JSZip();
    bundle.file('README.txt', 'read me');
    bundle.file('manifest.csv', 'a,b');
    bundle.file('keys/a.pem', CERTIFICATE);
    bundle.file('b.pem', CERTIFICATE, { compression: 'STORE' });
    const bytes = await bundle.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const { files, problems } = await readDroppedFiles([file('bundle.zip', bytes), file('c.pem', CERTIFICATE)]);
    expect(files.map((f) => [f.name, f.from, f.bytes.length])).toEqual([
      ['a.pem', 'bundle.zip', CERTIFICATE.length],
      ['b.pem', 'bundle.zip', CERTIFICATE.length],
      ['c.pem', undefined, CERTIFICATE.length],
    ]);
    expect(problems).toEqual([]);
  });

  it.each([
    { name: 'a file over 5 MiB', input: () => file('big.pem', new Uint8Array(LIMITS.fileBytes + 1)), want: [['file-too-large', 'big.pem']] },
    { name: 'a file over 20 MiB, not even read', input: (): DroppedFile => ({ name: 'huge.pem', size: MAX_READ_BYTES + 1 }), want: [['file-too-large', 'huge.pem']] },
    { name: 'a .zip that is not a zip', input: () => file('x.zip', CERTIFICATE), want: [['file-malformed', 'x.zip']] },
    { name: 'a zip cut short', input: () => file('cut.zip', zip([deflated('a.pem', CERTIFICATE)]).slice(0, 100)), want: [['file-malformed', 'cut.zip']] },
    {
      name: 'a zip over 20 MiB',
      input: () => {
        const bytes = new Uint8Array(LIMITS.zipBytes + 1);
        bytes.set([0x50, 0x4b, 0x03, 0x04]);
        return file('big.zip', bytes);
      },
      want: [['zip-too-large', 'big.zip']],
    },
    { name: 'a zip in a zip', input: () => file('outer.zip', zip([deflated('inner.zip', zip([]))])), want: [['zip-nested', 'outer.zip: inner.zip']] },
    {
      name: 'a zip in a zip under another name',
      input: () => file('outer.zip', zip([deflated('inner.pem', zip([deflated('a.pem', CERTIFICATE)]))])),
      want: [['zip-nested', 'outer.zip: inner.pem']],
    },
    {
      name: 'an encrypted entry',
      input: () => file('enc.zip', zip([{ ...deflated('a.pem', CERTIFICATE), flags: 1 }])),
      want: [['zip-entry-unsupported', 'enc.zip: a.pem']],
    },
    {
      name: 'an entry compressed with another method (bzip2)',
      input: () => file('bz.zip', zip([{ ...deflated('a.pem', CERTIFICATE), method: 12 as 8 }])),
      want: [['zip-entry-unsupported', 'bz.zip: a.pem']],
    },
    {
      name: 'a Zip64 file',
      input: () => {
        const bytes = zip([deflated('a.pem', CERTIFICATE)]);
        new DataView(bytes.buffer).setUint32(bytes.length - 6, 0xffffffff, true); // the directory's offset: see the Zip64 record
        return file('z64.zip', bytes);
      },
      want: [['zip-entry-unsupported', 'z64.zip']],
    },
    {
      name: 'an entry that is not deflate data',
      input: () => file('bad.zip', zip([{ name: 'a.pem', data: Uint8Array.of(0xff, 0xff, 0xff), size: 10 }])),
      want: [['file-malformed', 'bad.zip: a.pem']],
    },
    {
      name: 'an entry over 1 MiB, by the directory',
      input: () => file('big.zip', zip([deflated('big.pem', new Uint8Array(LIMITS.entryBytes + 1)), deflated('a.pem', CERTIFICATE)])),
      want: [['zip-entry-too-large', 'big.zip: big.pem']],
    },
  ])('refuses $name, saying why', async ({ input, want }) => {
    expect(await problems(input())).toEqual(want);
  });

  it('says what it skipped and still reads the rest of the zip and the other files', async () => {
    const bytes = zip([deflated('big.pem', new Uint8Array(LIMITS.entryBytes + 1)), deflated('a.pem', CERTIFICATE)]);
    const { files } = await readDroppedFiles([file('big.zip', bytes), file('c.pem', CERTIFICATE)]);
    expect(files.map((f) => f.name)).toEqual(['a.pem', 'c.pem']);
  });

  it('refuses a zip bomb (300 MiB of zeros in about 300 KiB) from its directory, before inflating, in milliseconds', async () => {
    const bomb = zip([deflated('zeros.pem', new Uint8Array(300 * MiB))]);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const started = performance.now();
    expect(await problems(file('bomb.zip', bomb))).toEqual([['zip-entry-too-large', 'bomb.zip: zeros.pem']]);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('stops inflating at 1 MiB when the directory lies about the size (300 MiB declared as 100 bytes)', async () => {
    const liar = zip([deflated('zeros.pem', new Uint8Array(300 * MiB), 100), deflated('a.pem', CERTIFICATE)]);
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const { files, problems } = await readDroppedFiles([file('liar.zip', liar)]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * MiB);
    expect(problems.map((p) => [p.code, p.fileName, p.message])).toEqual([
      [
        'zip-entry-too-large',
        'liar.zip: zeros.pem',
        '"zeros.pem" in "liar.zip" inflates to more than 1 MiB; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 1 MiB from a zip.',
      ],
    ]);
    expect(files.map((f) => f.name)).toEqual(['a.pem']);
  });

  it('refuses a zip of 20,000 entries from its directory, before reading any', async () => {
    const many = zip(Array.from({ length: 20_000 }, (_, i) => deflated(`${i}.pem`, new Uint8Array(1))));
    const started = performance.now();
    const { problems } = await readDroppedFiles([file('many.zip', many)]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['zip-too-many-entries', '"many.zip" holds 20000 files; this tool opens zips of at most 1000 files.'],
    ]);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses zips that would inflate to more than 50 MiB in all, before inflating', async () => {
    const entry = (i: number): ZipEntry => deflated(`${i}.pem`, new Uint8Array(LIMITS.entryBytes));
    const first = zip(Array.from({ length: 40 }, (_, i) => entry(i)));
    const second = zip(Array.from({ length: 40 }, (_, i) => entry(i)));
    const { files, problems } = await readDroppedFiles([file('first.zip', first), file('second.zip', second)]);
    expect(files).toHaveLength(40);
    expect(problems.map((p) => [p.code, p.fileName])).toEqual([['zip-inflated-too-large', 'second.zip']]);
  });

  it('stops at 50 MiB in all even when every entry lies', async () => {
    const entry = (i: number): ZipEntry => deflated(`${i}.pem`, new Uint8Array(LIMITS.entryBytes), 10);
    const liar = zip(Array.from({ length: 60 }, (_, i) => entry(i)));
    const { files, problems } = await readDroppedFiles([file('liar.zip', liar)]);
    expect(files.reduce((sum, f) => sum + f.bytes.length, 0)).toBeLessThanOrEqual(LIMITS.inflatedBytes);
    expect(problems.map((p) => p.code)).toEqual(['zip-inflated-too-large']);
  });
});

describe('sizeRefusal and isZip', () => {
  it.each([
    { size: MAX_READ_BYTES, want: undefined },
    { size: MAX_READ_BYTES + 1, want: 'file-too-large' },
  ])('a file of $size bytes: $want', ({ size, want }) => {
    expect(sizeRefusal('x', size)?.code).toBe(want);
  });

  it.each([
    { name: 'a zip', input: Uint8Array.of(0x50, 0x4b, 3, 4), want: true },
    { name: 'an empty zip', input: Uint8Array.of(0x50, 0x4b, 5, 6), want: true },
    { name: 'a PEM', input: CERTIFICATE, want: false },
    { name: 'nothing', input: new Uint8Array(0), want: false },
  ])('$name: $want', ({ input, want }) => {
    expect(isZip(input)).toBe(want);
  });
});
