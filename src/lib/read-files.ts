/**
 * What the user dropped, before anything is parsed: each file's size is
 * checked, a zip is opened within limits read from its central directory
 * (before any byte is inflated), and inflation counts what it makes and stops
 * at the limit even when the directory lied. Everything skipped is listed
 * with the reason. Linear, capped, and never throws.
 */

import { AppError, type ErrorCode } from './errors';
import type { Bytes } from './pem';

const MiB = 1024 * 1024;

export const LIMITS = {
  /** A dropped file that is not a zip: certificates, CSRs and keys are a few KiB. */
  fileBytes: 5 * MiB,
  /** A dropped zip, as it is on disk. */
  zipBytes: 20 * MiB,
  zipEntries: 1000,
  /** One file in a zip, inflated. */
  entryBytes: 1 * MiB,
  /** All files of all zips, inflated. */
  inflatedBytes: 50 * MiB,
} as const;

/** A file as the page hands it over: its name, its size, and its bytes unless the size alone refuses it. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
  readonly bytes?: Bytes;
}

/** A file to read: a dropped one, or one from a zip (`from` names the zip). */
export interface ReadableFile {
  readonly name: string;
  readonly bytes: Bytes;
  readonly from?: string;
}

export type ReadFilesCode = Extract<
  ErrorCode,
  | 'file-too-large'
  | 'file-malformed'
  | 'zip-too-large'
  | 'zip-too-many-entries'
  | 'zip-entry-too-large'
  | 'zip-inflated-too-large'
  | 'zip-nested'
  | 'zip-entry-unsupported'
>;

/** Why a file, or a file inside a zip, was not read. */
export interface FileProblem {
  readonly code: ErrorCode;
  readonly fileName: string;
  readonly message: string;
}

/** The largest size that can be refused without reading the file: the page reads nothing bigger. */
export const MAX_READ_BYTES = LIMITS.zipBytes;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC);
}

/** Whether the page may read this file at all, by its size alone. */
export function sizeRefusal(name: string, size: number): FileProblem | undefined {
  if (size <= MAX_READ_BYTES) return undefined;
  if (/\.zip$/i.test(name)) return problem('zip-too-large', name, `"${name}" is ${kib(size)}; this tool opens zips of at most 20 MiB.`);
  return problem('file-too-large', name, `"${name}" is ${kib(size)}; this tool reads files of at most 5 MiB and zips of at most 20 MiB.`);
}

/** The files to read, zips opened in their place; and what was skipped, and why. */
export async function readDroppedFiles(dropped: readonly DroppedFile[]): Promise<{ files: ReadableFile[]; problems: FileProblem[] }> {
  const files: ReadableFile[] = [];
  const problems: FileProblem[] = [];
  const budget = { inflated: 0 };
  for (const file of dropped) {
    try {
      const refusal = sizeRefusal(file.name, file.size);
      if (refusal || !file.bytes) {
        problems.push(refusal ?? problem('file-malformed', file.name, `"${file.name}" could not be read.`));
        continue;
      }
      const { bytes } = file;
      if (isZip(bytes)) {
        await openZip(file.name, bytes, budget, files, problems);
      } else if (/\.zip$/i.test(file.name)) {
        problems.push(problem('file-malformed', file.name, `"${file.name}" is not a zip file: it does not start as one. Download it again.`));
      } else if (bytes.length > LIMITS.fileBytes) {
        problems.push(
          problem(
            'file-too-large',
            file.name,
            `"${file.name}" is ${kib(bytes.length)}; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 5 MiB. Choose the .pem, .crt, .csr or .key file.`,
          ),
        );
      } else {
        files.push({ name: file.name, bytes });
      }
    } catch (cause) {
      problems.push(problem('file-malformed', file.name, `"${file.name}" could not be read (${String(cause)}).`));
    }
  }
  return { files, problems };
}

// ---------------------------------------------------------------------------
// Zip (APPNOTE.TXT 6.3.10: local headers, file data, central directory, end of central directory)

interface Entry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeader: number;
}

/** The end of central directory record is 22 bytes, followed by a comment of at most 65,535. */
const EOCD_SIZE = 22;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

async function openZip(zipName: string, bytes: Bytes, budget: { inflated: number }, files: ReadableFile[], problems: FileProblem[]): Promise<void> {
  if (bytes.length > LIMITS.zipBytes) {
    problems.push(problem('zip-too-large', zipName, `"${zipName}" is ${kib(bytes.length)}; this tool opens zips of at most 20 MiB.`));
    return;
  }
  const directory = readCentralDirectory(zipName, bytes);
  if (directory instanceof AppError) {
    problems.push(problem(directory.code, zipName, directory.message));
    return;
  }
  // Every limit that the directory can tell is checked before anything is inflated.
  const { wanted, declared } = entriesWithinLimits(zipName, directory, problems);
  if (budget.inflated + declared > LIMITS.inflatedBytes) {
    problems.push(inflatedTooLarge(zipName));
    return;
  }
  for (const entry of wanted) {
    const file = await inflateEntry(zipName, bytes, entry, budget, problems);
    if (file === 'stop') return;
    if (file !== undefined) files.push(file);
  }
}

/** The entries to inflate, and the bytes their headers declare; the others are skipped, each with its reason. */
function entriesWithinLimits(zipName: string, directory: readonly Entry[], problems: FileProblem[]): { wanted: Entry[]; declared: number } {
  const wanted: Entry[] = [];
  let declared = 0;
  for (const entry of directory) {
    const name = baseName(entry.name);
    const inZip = `${zipName}: ${entry.name}`;
    if (entry.name.endsWith('/') || name === 'README.txt' || name === 'manifest.csv') continue; // folders, and what this tool writes beside the files
    if (/\.zip$/i.test(name)) {
      problems.push(problem('zip-nested', inZip, `"${entry.name}" in "${zipName}" is a zip inside a zip; this tool does not open those. Unzip it and drop its files.`));
    } else if ((entry.flags & 1) !== 0 || (entry.method !== STORED && entry.method !== DEFLATED)) {
      problems.push(problem('zip-entry-unsupported', inZip, `"${entry.name}" in "${zipName}" is encrypted or compressed in a way this tool does not read; unzip it and drop the file.`));
    } else if (entry.size > LIMITS.entryBytes) {
      problems.push(tooLargeEntry(entry.name, zipName, entry.size));
    } else {
      wanted.push(entry);
      declared += entry.size;
    }
  }
  return { wanted, declared };
}

/**
 * One entry's bytes, inflated within what is left of the budget; undefined (with a problem) if it
 * is skipped, 'stop' once the whole budget is spent.
 */
async function inflateEntry(zipName: string, bytes: Bytes, entry: Entry, budget: { inflated: number }, problems: FileProblem[]): Promise<ReadableFile | undefined | 'stop'> {
  const inZip = `${zipName}: ${entry.name}`;
  const data = entryData(bytes, entry);
  if (data === undefined) {
    problems.push(problem('file-malformed', inZip, `"${entry.name}" in "${zipName}" is cut short or damaged; download the zip again.`));
    return undefined;
  }
  const room = Math.min(LIMITS.entryBytes, LIMITS.inflatedBytes - budget.inflated);
  const inflated = entry.method === STORED ? (data.length <= room ? data.slice() : 'over') : await inflateAtMost(data, room);
  if (inflated === 'over') {
    // The directory said less: it lied. The running count stopped it.
    problems.push(room < LIMITS.entryBytes ? inflatedTooLarge(zipName) : tooLargeEntry(entry.name, zipName, undefined));
    return room < LIMITS.entryBytes ? 'stop' : undefined;
  }
  if (inflated === 'damaged') {
    problems.push(problem('file-malformed', inZip, `"${entry.name}" in "${zipName}" does not inflate: the zip is damaged. Download it again.`));
    return undefined;
  }
  budget.inflated += inflated.length;
  if (isZip(inflated)) {
    problems.push(problem('zip-nested', inZip, `"${entry.name}" in "${zipName}" is a zip inside a zip; this tool does not open those. Unzip it and drop its files.`));
    return undefined;
  }
  return { name: baseName(entry.name), bytes: inflated, from: zipName };
}

/** The entries the central directory lists; at most LIMITS.zipEntries are read, and only after the count is checked. */
function readCentralDirectory(zipName: string, bytes: Bytes): Entry[] | AppError {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new AppError('file-malformed', `"${zipName}" is not a zip file that can be opened: it is cut short or damaged. Download it again.`);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) return damaged();
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryStart = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryStart === 0xffffffff) {
    return new AppError('zip-entry-unsupported', `"${zipName}" is a Zip64 file, a form for archives of over 4 GiB that this tool does not read; unzip it and drop its files.`);
  }
  if (count > LIMITS.zipEntries) {
    return new AppError('zip-too-many-entries', `"${zipName}" holds ${count} files; this tool opens zips of at most ${LIMITS.zipEntries} files.`);
  }
  if (directoryStart + directorySize > eocd) return damaged();
  const entries: Entry[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return damaged();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) return damaged();
    const flags = view.getUint16(at + 8, true);
    entries.push({
      // Bit 11: the name is UTF-8; otherwise CP437, whose ASCII part is the same. Only for display and the extension.
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's stored bytes: after its local header (whose own name and extra lengths can differ from the directory's). */
function entryData(bytes: Bytes, entry: Entry): Bytes | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeader;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : undefined;
}

/** Input is fed in pieces this big, so one piece inflates to at most about 1 MiB (deflate's best ratio is 1032:1). */
const PIECE = 1024;

/**
 * Raw deflate (RFC 1951) through the platform's DecompressionStream, with a
 * running count: past `limit` bytes it stops and says 'over', whatever the
 * zip's directory declared.
 */
async function inflateAtMost(data: Uint8Array, limit: number): Promise<Bytes | 'over' | 'damaged'> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stop = false;
  const feeding = (async () => {
    for (let at = 0; at < data.length && !stop; at += PIECE) {
      await writer.ready;
      if (stop) break;
      await writer.write(data.slice(at, at + PIECE));
    }
    if (!stop) await writer.close();
  })().catch(() => undefined); // a damaged stream fails the reader too; that is where it is reported

  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        stop = true;
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return 'over';
      }
      chunks.push(value);
    }
  } catch {
    stop = true;
    return 'damaged';
  } finally {
    await feeding;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------

function tooLargeEntry(entryName: string, zipName: string, size: number | undefined): FileProblem {
  const what = size === undefined ? 'inflates to more than 1 MiB' : `is ${kib(size)} unzipped`;
  return problem(
    'zip-entry-too-large',
    `${zipName}: ${entryName}`,
    `"${entryName}" in "${zipName}" ${what}; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 1 MiB from a zip.`,
  );
}

function inflatedTooLarge(zipName: string): FileProblem {
  return problem(
    'zip-inflated-too-large',
    zipName,
    `"${zipName}" unzips to more than 50 MiB (with any other zips dropped with it); this tool unzips at most 50 MiB in all. Drop only the certificate, key and CSR files.`,
  );
}

/** The page quotes the file name as the message's `value`; the sizes are fixed in every language's text. */
function problem(code: ErrorCode, fileName: string, message: string): FileProblem {
  return { code, fileName, message };
}

function kib(bytes: number): string {
  return bytes >= 10 * MiB ? `${Math.ceil(bytes / MiB)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
