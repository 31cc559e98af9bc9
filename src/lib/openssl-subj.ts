/**
 * OpenSSL's `-subj` argument read as the Trust Framework subject: C=AE, the
 * legal name, the Organisation ID and (for client certificates) the Client
 * ID, each its own RDN, in that order; anything else is refused by name.
 */

import { commandError, retarget, shown } from './command-errors';
import { AppError } from './errors';
import { checkLegalName, checkUuid } from './request';
import type { Subject } from './subject';

const SUBJECT_TYPES: Record<string, 'C' | 'O' | 'OU' | 'CN'> = {
  C: 'C',
  countryName: 'C',
  O: 'O',
  organizationName: 'O',
  OU: 'OU',
  organizationalUnitName: 'OU',
  CN: 'CN',
  commonName: 'CN',
};
const SUBJECT_ORDER = ['C', 'O', 'OU', 'CN'] as const;

/** A run of a -subj value with no `/`, `+` or `\\`. */
const SUBJECT_RUN = /[^/+\\]+/y;
/** More than this is not a mistake in a four-attribute subject but a paste gone wrong. */
const MAX_SUBJECT_ATTRIBUTES = 16;

export function parseSubject(subj: string): Subject {
  const attributes = readSubjectAttributes(subj);
  checkSubjectOrder(attributes.map((a) => a.type));
  const [country, organization, unit, common] = attributes.map((a) => a.value);
  if (country !== 'AE') throw commandError('country-not-ae', `-subj has C=${country}; the Trust Framework requires C=AE.`, { value: `C=${country}` });
  const legalName = checkLegalName(organization!);
  if (legalName instanceof AppError) throw retarget(legalName);
  const organisationId = checkUuid(unit!, 'organisationId', 'Organisation ID (OU)');
  if (organisationId instanceof AppError) throw retarget(organisationId);
  return {
    country: 'AE',
    organization: legalName,
    organizationalUnit: organisationId,
    ...(common === undefined ? {} : { commonName: common }),
  };
}

type SubjectType = (typeof SUBJECT_ORDER)[number];

/**
 * OpenSSL's -subj syntax (apps/lib/apps.c, parse_name): `/type=value/…`,
 * where `\` makes the next character literal and an unescaped `+` joins the
 * next attribute into the same RDN.
 */
function readSubjectAttributes(subj: string): Array<{ type: SubjectType; value: string }> {
  if (!subj.startsWith('/')) {
    throw commandError('subject-syntax', `-subj "${shown(subj)}" must start with "/", like /C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>.`, { value: shown(subj) });
  }
  const attributes: Array<{ type: SubjectType; value: string }> = [];
  let i = 1;
  while (i < subj.length) {
    const equals = subj.indexOf('=', i);
    if (equals === -1) throw commandError('subject-syntax', `-subj: "${shown(subj.slice(i))}" has no "=": each part is like /O=<legal name>.`, { value: shown(subj.slice(i)) });
    const type = subjectType(subj.slice(i, equals));
    const [value, end] = readSubjectValue(subj, equals + 1, type);
    i = end + 1; // past the '/'
    attributes.push({ type, value });
    if (attributes.length > MAX_SUBJECT_ATTRIBUTES) {
      throw commandError('subject-attribute', `-subj has more than ${MAX_SUBJECT_ATTRIBUTES} attributes; the Trust Framework subject is C, O, OU, CN, each once and in this order.`);
    }
  }
  return attributes;
}

function subjectType(typeName: string): SubjectType {
  const type = Object.hasOwn(SUBJECT_TYPES, typeName) ? SUBJECT_TYPES[typeName] : undefined;
  if (type === undefined) {
    throw commandError(
      'subject-attribute',
      `-subj: "${shown(typeName)}" is not part of the Trust Framework subject, which is /C=AE/O=…/OU=…/CN=…; remove /${shown(typeName)}=….`,
      { value: shown(typeName) },
    );
  }
  return type;
}

/** One value, from `start` to the next unescaped `/` (or the end): the value and where it ended. */
function readSubjectValue(subj: string, start: number, type: SubjectType): [string, number] {
  const pieces: string[] = [];
  let i = start;
  while (i < subj.length && subj[i] !== '/') {
    SUBJECT_RUN.lastIndex = i;
    const run = SUBJECT_RUN.exec(subj);
    if (run) {
      pieces.push(run[0]);
      i += run[0].length;
    } else if (subj[i] === '+') {
      throw commandError('multi-valued-rdn', `-subj: the "+" in ${type}=${shown(pieces.join(''))}+… joins two attributes into one RDN. If it is part of the name, write it as \\+.`, {
        value: `${type}=${shown(pieces.join(''))}+…`,
      });
    } else {
      // A backslash: the next character is taken as it is.
      i++;
      if (i === subj.length) throw commandError('subject-syntax', `-subj ends with a lone "\\": write a backslash in a name as \\\\.`);
      pieces.push(subj[i]!);
      i++;
    }
  }
  return [pieces.join(''), i];
}

/** C, O, OU and optionally CN, each once and in this order. */
function checkSubjectOrder(types: readonly SubjectType[]): void {
  const expected = SUBJECT_ORDER.slice(0, types.length);
  if (types.length >= 3 && types.every((type, index) => type === expected[index])) return;
  const missing = SUBJECT_ORDER.slice(0, 3).filter((type) => !types.includes(type));
  if (missing.length > 0) {
    throw commandError('subject-missing', `-subj has no ${missing.join(', ')}: the subject is /C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>.`, {
      value: missing.join(', '),
    });
  }
  throw commandError('subject-attribute', `-subj has ${types.join(', ')}; the Trust Framework subject is C, O, OU, CN, each once and in this order.`, { value: types.join(', ') });
}
