/**
 * Pasted commands as the page shows them: each tied to its role (from its
 * file names, or the user's pick) and turned into the request it makes,
 * checked for what depends on the role.
 */

import { AppError } from './errors';
import { sameUsages } from './key-usage';
import { fileNameKey } from './names';
import { commandError, retarget } from './command-errors';
import { parseCommandSteps, type CommandOutcome, type ParsedCommand } from './openssl-req';
import { ROLES, type RoleId } from './profile';
import { checkServerCommonName, checkUuid, type CertificateRequest, type ExtensionPolicy, type Validation } from './request';
import { runToEnd, type Steps } from './steps';

export interface PastedCommand {
  readonly source: string;
  readonly command: ParsedCommand | undefined;
  /** From the file names, else the one the user picked. */
  readonly role: RoleId | undefined;
  readonly request: CertificateRequest | undefined;
  readonly errors: readonly AppError[];
}

/** What a paste was read into: each command, and whether together they can be made. */
export interface PasteReading {
  readonly commands: PastedCommand[];
  readonly validation: Validation;
}

/**
 * Everything pasted, command by command, and the requests it makes.
 * `pickedRoles[i]` is the role the user chose for command i when its file
 * names name none. Valid only if every command is, and no two write the same file.
 */
export function validatePaste(text: string, pickedRoles: readonly (RoleId | undefined)[]): PasteReading {
  return runToEnd(validatePasteSteps(text, pickedRoles));
}

/** validatePaste in steps: it pauses after each command is parsed, and after each is tied to its role. */
export function* validatePasteSteps(text: string, pickedRoles: readonly (RoleId | undefined)[]): Steps<PasteReading> {
  const commands: PastedCommand[] = [];
  for (const [index, outcome] of (yield* parseCommandSteps(text)).entries()) {
    yield;
    commands.push(pastedCommand(outcome, pickedRoles[index]));
  }
  const errors = commands.flatMap((command) => command.errors);
  const duplicate = firstSharedFile(commands.flatMap((command) => (command.command ? [command.command.csrFileName, command.command.keyFileName] : [])));
  if (duplicate !== undefined) {
    const [first, second] = duplicate;
    const same = first === second ? `Two commands write "${first}"` : `"${first}" and "${second}" are the same file on Windows and macOS, which ignore case`;
    errors.push(commandError('file-name-duplicate', `${same}: give each file its own name.`, { value: second }));
  }
  const warnings = commands.flatMap((command) => command.command?.notes ?? []);
  const validation: Validation =
    errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, requests: commands.map((command) => command.request!), warnings };
  return { commands, validation };
}

/** One parsed command tied to its role (from its file names, else the user's pick) and the request it makes. */
function pastedCommand(outcome: CommandOutcome, pickedRole: RoleId | undefined): PastedCommand {
  if (!outcome.ok) return { source: outcome.source, command: undefined, role: undefined, request: undefined, errors: outcome.errors };
  const { command } = outcome;
  const role = command.role ?? pickedRole;
  if (role === undefined) {
    const error = commandError('role-required', `Choose which certificate "${command.csrFileName}" is for: its file name does not say.`, {
      value: command.csrFileName,
    });
    return { source: command.source, command, role, request: undefined, errors: [error] };
  }
  const request = requestFromCommand(command, role);
  return request instanceof AppError
    ? { source: command.source, command, role, request: undefined, errors: [request] }
    : { source: command.source, command, role, request, errors: [] };
}

/** The first file name that an earlier one already takes, ignoring case and normalisation, with that earlier one. */
function firstSharedFile(names: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const earlier = seen.get(fileNameKey(name));
    if (earlier !== undefined) return [earlier, name];
    seen.set(fileNameKey(name), name);
  }
  return undefined;
}

/**
 * The request a parsed command makes, for `role` (the one its file names
 * give, or the one the user picked). Checks what depends on the role: the
 * CN, the DNS names and the requested extensions.
 */
export function requestFromCommand(command: ParsedCommand, role: RoleId): CertificateRequest | AppError {
  const profile = ROLES[role];
  let { subject } = command;
  if (profile.commonName === 'client-id') {
    if (subject.commonName === undefined) {
      return commandError('subject-missing', `A ${profile.label} certificate needs the Client ID as CN: add /CN=<Client ID> to -subj.`);
    }
    const clientId = checkUuid(subject.commonName, 'clientId', 'Client ID (CN)');
    if (clientId instanceof AppError) return retarget(clientId);
    subject = { ...subject, commonName: clientId };
  } else if (subject.commonName !== undefined) {
    // As in the form: a server certificate's optional CN is a host name.
    const hostName = checkServerCommonName(subject.commonName);
    if (hostName instanceof AppError) return commandError(hostName.code, `CN: ${hostName.message}`, hostName.params);
    subject = { ...subject, commonName: hostName };
  }
  if (profile.dnsNames === 'required' && command.dnsNames.length === 0) {
    return commandError(
      'dns-names-required',
      `A ${profile.label} certificate needs its DNS names: add -addext "subjectAltName=DNS:api.bank.ae".`,
    );
  }
  if (profile.dnsNames === 'none' && command.dnsNames.length > 0) {
    return commandError('extension-unsupported', `A ${profile.label} certificate has no subjectAltName: remove -addext "subjectAltName=…".`);
  }
  const extensions = extensionPolicy(command, role);
  if (extensions instanceof AppError) return extensions;
  return {
    role,
    subject,
    extensions,
    dnsNames: command.dnsNames,
    keyFileName: command.keyFileName,
    csrFileName: command.csrFileName,
  };
}

/**
 * No keyUsage and no extendedKeyUsage: exactly as the directory's command.
 * Otherwise they must be the role's own, as profile.ts gives them.
 */
function extensionPolicy(command: ParsedCommand, role: RoleId): ExtensionPolicy | AppError {
  if (command.keyUsage === undefined && command.extendedKeyUsage === undefined) return 'none';
  const profile = ROLES[role];
  const keyUsageMatches =
    command.keyUsage !== undefined && command.keyUsage.critical && sameUsages(command.keyUsage.usages, profile.keyUsage);
  // The profile's extendedKeyUsage is not critical.
  const ekuMatches =
    command.extendedKeyUsage === undefined
      ? profile.extendedKeyUsage.length === 0
      : !command.extendedKeyUsage.critical && sameUsages(command.extendedKeyUsage.usages, profile.extendedKeyUsage);
  if (keyUsageMatches && ekuMatches) return 'profile';
  const wanted = [`keyUsage=critical,${profile.keyUsage.join(',')}`];
  if (profile.extendedKeyUsage.length > 0) wanted.push(`extendedKeyUsage=${profile.extendedKeyUsage.join(',')}`);
  return commandError(
    'extensions-differ',
    `The command's -addext differs from what a ${profile.label} certificate requests: ${wanted.join(' and ')}. Use exactly these, or none.`,
  );
}
