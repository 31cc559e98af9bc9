/**
 * DNS names for the subjectAltName of a server transport certificate: what an
 * LFI types, checked and converted to the ASCII (punycode) form that goes into
 * the certificate. Problems are plain data with a code, the field and a
 * message that quotes the value and says the rule and the fix.
 */

import type { ErrorCode, ErrorParams } from './errors';
import { codePointLabel } from './names';

export type DnsErrorCode = Extract<ErrorCode, 'dns-name-invalid' | 'dns-names-required'>;

export interface DnsProblem {
  readonly code: DnsErrorCode;
  readonly field: 'dnsNames';
  readonly message: string;
  /** The name as typed and its line, when it came from a list. */
  readonly params?: ErrorParams;
}

export interface DnsName {
  /** What goes into the certificate: lowercase, with `xn--` labels for other scripts. */
  readonly ascii: string;
  /** What the user typed, in lowercase, for display. Equal to `ascii` for plain ASCII names. */
  readonly unicode: string;
}

// RFC 1035: a label is at most 63 octets; a name, written without the trailing dot, at most 253 characters.
const MAX_LABEL_LENGTH = 63;
const MAX_NAME_LENGTH = 253;

const EXAMPLE = 'api.bank.ae';
const NO_URL = `A DNS name is like ${EXAMPLE}, with no scheme, port or path.`;
const WILDCARD_RULE = 'A wildcard must be the whole first label, followed by at least two labels, like *.bank.ae.';
const LABEL_RULE = `Each label (the parts between dots) must be 1 to ${MAX_LABEL_LENGTH} characters`;
// Letters of any script (with their combining marks), digits, hyphen and dot.
// Checked before the URL parser sees the name: it would otherwise accept
// percent-escapes, IPv4 shorthand and other things that are not DNS names.
const NOT_ALLOWED = /[^\p{L}\p{M}\p{Nd}.-]/u;
// A label the URL parser reads as a number (decimal, octal or 0x hex), which makes the host an IPv4 address.
const NUMERIC_LABEL = /^(\d+|0x[0-9a-f]*)$/i;
// IPv6: hex digits, dots and two or more colons; or anything of those in brackets, maybe with a port.
const IPV6 = /^([\da-f.]*:[\da-f.]*:[\da-f:.]*|\[[\da-f:.]+\](:\d*)?)$/i;
const LDH_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** One DNS name as it goes into the certificate, or why it cannot. Surrounding spaces are dropped. */
export function checkDnsName(input: string): DnsName | DnsProblem {
  const name = input.trim();
  const q = `"${name}"`;
  if (name === '') return invalid(`Enter a DNS name, like ${EXAMPLE}.`);

  const prefix = /^dns:/i.exec(name); // as in OpenSSL's subjectAltName=DNS:host
  if (prefix) return invalid(`${q} starts with "${prefix[0]}"; remove it. Enter only the name, like ${EXAMPLE}.`);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(name);
  if (scheme) return invalid(`${q} has a scheme; remove "${scheme[0]}". ${NO_URL}`);
  if (IPV6.test(name)) return ipAddress(q); // before the port, so "::1" is not read as a port
  const port = /^[^/]*?(:\d*)(?=\/|$)/.exec(name);
  if (port) return invalid(`${q} has a port; remove "${port[1]}". ${NO_URL}`);
  const slash = name.indexOf('/');
  if (slash > 0) return invalid(`${q} has a path; remove "${name.slice(slash)}". ${NO_URL}`);
  if (/\s/u.test(name)) return invalid(`${q} contains a space; remove it. A DNS name is one word with dots, like ${EXAMPLE}.`);
  if (name.includes('_')) {
    return invalid(
      `${q} contains an underscore; remove it or use a hyphen. Host names in certificates use only letters, digits, hyphens and dots.`,
    );
  }

  const wildcard = name.startsWith('*.');
  const rest = wildcard ? name.slice(2) : name;
  if (rest.includes('*')) return invalid(`${q} has a "*" in the wrong place. ${WILDCARD_RULE}`);
  const bad = NOT_ALLOWED.exec(rest);
  if (bad) {
    return invalid(
      `${q} contains ${shown(bad[0])}; remove it. A DNS name may contain only letters, digits, hyphens and dots, like ${EXAMPLE}.`,
    );
  }
  if (name.endsWith('.')) return invalid(`${q} ends with a dot; remove it. Write the name like ${EXAMPLE}.`);
  if (rest.startsWith('.')) return invalid(`${q} starts with a dot; remove it. Write the name like ${EXAMPLE}.`);
  if (rest.includes('..')) return invalid(`${q} has two dots in a row; remove one. ${LABEL_RULE}.`);

  const labels = rest.split('.');
  const hyphen = labels.find((label) => label.startsWith('-') || label.endsWith('-'));
  if (hyphen !== undefined) {
    return invalid(
      `${q} has a label that starts or ends with a hyphen ("${hyphen}"); remove the hyphen. ` +
        'A hyphen may only be inside a label, as in open-banking.bank.ae.',
    );
  }
  // NFKC maps full-width digits to ASCII, as the URL parser would.
  const numeric = labels.map((label) => NUMERIC_LABEL.test(label.normalize('NFKC')));
  if (numeric.every(Boolean)) return ipAddress(q);
  if (numeric.at(-1)) {
    return invalid(`${q} ends with "${labels.at(-1)}", which reads as a number; the last label must contain a letter, like ${EXAMPLE}.`);
  }
  if (labels.length < 2) {
    return invalid(
      wildcard
        ? `${q} has too few labels after the wildcard. ${WILDCARD_RULE}`
        : `${q} is not a fully qualified name; enter the full name, like ${EXAMPLE}.`,
    );
  }

  let host: string;
  try {
    // The WHATWG URL parser does IDNA (UTS #46) mapping and punycode, in browsers and Node alike.
    host = new URL(`http://${rest}`).hostname;
  } catch {
    return invalid(
      `${q} is not a valid internationalised domain name; check its spelling, or enter the xn-- form your DNS provider shows.`,
    );
  }
  const ascii = (wildcard ? '*.' : '') + host;
  const unicode = name.toLowerCase();
  // Lengths count the punycode form, which is what the certificate holds; say so when it differs from what was typed.
  const asPunycode = (form: string) => (ascii === unicode ? '' : ` as punycode (${form})`);
  const long = host.split('.').find((label) => label.length > MAX_LABEL_LENGTH);
  if (long !== undefined) {
    return invalid(`${q} has a label of ${long.length} characters${asPunycode(long)}; shorten it. ${LABEL_RULE}.`);
  }
  if (ascii.length > MAX_NAME_LENGTH) {
    return invalid(
      `${q} is ${ascii.length} characters long${asPunycode(ascii)}; shorten it. A DNS name may be at most ${MAX_NAME_LENGTH} characters.`,
    );
  }
  // Guard: whatever the parser made must be plain LDH labels.
  if (!host.split('.').every((label) => LDH_LABEL.test(label))) {
    return invalid(
      `${q} is not a valid DNS name${asPunycode(ascii)}. A DNS name is letters, digits and hyphens, with dots, like ${EXAMPLE}.`,
    );
  }
  return { ascii, unicode };
}

/**
 * The DNS names in a user's text, split on commas, spaces and newlines.
 * `names` holds each valid name once, in order; `problems` one entry per bad or repeated name.
 */
export function parseDnsNames(text: string): { names: DnsName[]; problems: DnsProblem[] } {
  // Each name with its line, so that every problem can say where it is.
  const entries = text
    .split('\n')
    .flatMap((line, index) => line.split(/[\s,]+/u).filter((entry) => entry !== '').map((entry) => ({ entry, line: String(index + 1) })));
  if (entries.length === 0) {
    const message = `Enter at least one DNS name for the server transport certificate, like ${EXAMPLE}.`;
    return { names: [], problems: [{ code: 'dns-names-required', field: 'dnsNames', message }] };
  }
  const names: DnsName[] = [];
  const problems: DnsProblem[] = [];
  const seen = new Map<string, string>(); // ascii → the entry as typed
  for (const { entry, line } of entries) {
    const params = { value: entry, line };
    const result = checkDnsName(entry);
    if ('code' in result) {
      problems.push({ ...result, params });
      continue;
    }
    const first = seen.get(result.ascii);
    if (first === undefined) {
      seen.set(result.ascii, entry);
      names.push(result);
    } else {
      const message = first === entry ? `"${entry}" is listed twice; remove one.` : `"${entry}" is the same name as "${first}"; remove one.`;
      problems.push({ ...invalid(message), params });
    }
  }
  return { names, problems };
}

function invalid(message: string): DnsProblem {
  return { code: 'dns-name-invalid', field: 'dnsNames', message };
}

function ipAddress(quoted: string): DnsProblem {
  return invalid(`${quoted} is an IP address, and an IP address is not a DNS name. Enter the server's DNS name, like ${EXAMPLE}.`);
}

/** A character for a message: quoted if visible, as U+XXXX if not. */
function shown(character: string): string {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(character) ? `"${character}"` : codePointLabel(character);
}
