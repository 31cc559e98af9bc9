/**
 * steps.ts: stepped readers run at once or in slices, and the paste reader
 * written in steps, which the page runs in slices so that 50 commands in a
 * 1 MiB paste never hold the main thread.
 */
import { describe, expect, it } from 'vitest';
import { validatePaste, validatePasteSteps } from '../../src/lib/pasted-commands';
import { runInSlices, runToEnd, type Steps } from '../../src/lib/steps';

const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';
const command = (role: string) =>
  `openssl req -new -newkey rsa:2048 -nodes -out ${CLIENT_ID}-${role}.csr -keyout ${CLIENT_ID}-${role}.key ` +
  `-subj "/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`;
const THREE = ['opf_uae_client_transport', 'opf_uae_client_signing', 'opf_uae_client_encryption'].map(command).join('\n');

/** A reader that records each step it takes, and returns how many it took. */
function* counting(steps: number, taken: string[]): Steps<number> {
  for (let i = 0; i < steps; i++) {
    taken.push(`step ${i}`);
    yield;
  }
  return steps;
}

describe('runToEnd', () => {
  it('runs every step and returns the result', () => {
    const taken: string[] = [];
    expect(runToEnd(counting(3, taken))).toBe(3);
    expect(taken).toEqual(['step 0', 'step 1', 'step 2']);
  });
});

describe('runInSlices', () => {
  it('lets other tasks run between slices, and returns the result', async () => {
    const taken: string[] = [];
    // A zero-length slice takes one step per task: the timer set before it runs after the first step.
    setTimeout(() => taken.push('another task'));
    expect(await runInSlices(counting(3, taken), 0, () => true)).toBe(3);
    expect(taken).toEqual(['step 0', 'another task', 'step 1', 'step 2']);
  });

  it('stops, and returns nothing, once a newer reading replaces it', async () => {
    const taken: string[] = [];
    let current = true;
    setTimeout(() => (current = false));
    expect(await runInSlices(counting(5, taken), 0, () => current)).toBeUndefined();
    expect(taken).toEqual(['step 0']);
  });

  it('runs a short reader in one slice', async () => {
    const taken: string[] = [];
    setTimeout(() => taken.push('another task'));
    expect(await runInSlices(counting(3, taken), 1000, () => true)).toBe(3);
    expect(taken).toEqual(['step 0', 'step 1', 'step 2']);
  });
});

describe('validatePasteSteps', () => {
  it('pauses twice for each command (once parsed, once tied to its role) and reads what validatePaste reads', () => {
    const steps = validatePasteSteps(THREE, []);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(6);
    expect(step.value).toEqual(validatePaste(THREE, []));
    expect(step.value.validation.ok && step.value.validation.requests.map((request) => request.role)).toEqual([
      'client_transport',
      'client_signing',
      'client_encryption',
    ]);
  });

  it('reads a text that holds no command as validatePaste does, with one pause for its one refusal', () => {
    const steps = validatePasteSteps('  ', []);
    expect(steps.next().done).toBe(false);
    const step = steps.next();
    expect(step.done).toBe(true);
    expect(step.value).toEqual(validatePaste('  ', []));
    const { validation } = validatePaste('  ', []);
    expect(validation.ok || validation.errors.map((error) => error.code)).toEqual(['command-empty']);
  });
});
