/**
 * Wraps any Host so every answer is checked before the UI uses it: the IPC host (Electron's preload)
 * and the HTTP host alike. A bad answer becomes a HostError with a readable reason.
 */
import { validateProgress, type Host, type Progress, type Validation } from '../../../host/contract.js';
import { describeError } from '../util/describe-error.js';
import { HostError } from './errors.js';
import { validateHostInfo, validateLabList, validateProgressLoadResult } from './validate.js';

async function checked<T>(what: string, call: () => Promise<unknown>, validate: (v: unknown) => Validation<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await call();
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw new HostError(`${what}: ${describeError(error)}`);
  }
  const v = validate(raw);
  if (!v.ok) throw new HostError(`${what}: unexpected answer (${v.error})`);
  return v.value;
}

/** A host whose answers have not been checked yet (any Host is one). */
export interface UncheckedHost {
  info(): Promise<unknown>;
  listLabs(): Promise<unknown>;
  loadProgress(): Promise<unknown>;
  saveProgress(progress: Progress): Promise<unknown>;
}

export function validatingHost(raw: UncheckedHost): Host {
  return {
    info: () => checked('host info', () => raw.info(), validateHostInfo),
    listLabs: () => checked('lab list', () => raw.listLabs(), validateLabList),
    loadProgress: () => checked('progress', () => raw.loadProgress(), validateProgressLoadResult),
    async saveProgress(progress: Progress) {
      // Never send what the host would refuse: fail here with the reason.
      const v = validateProgress(progress);
      if (!v.ok) throw new HostError(`progress not saved: ${v.error}`);
      try {
        await raw.saveProgress(v.value);
      } catch (error) {
        if (error instanceof HostError) throw error;
        throw new HostError(`progress not saved: ${describeError(error)}`);
      }
    },
  };
}
