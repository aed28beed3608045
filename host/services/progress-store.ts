/**
 * The person's progress on disk: `<data>/progress.json`, with `progress.json.bak` holding the
 * previous good version. Saves are atomic and run one at a time; a damaged file is never
 * silently overwritten: it is kept aside, the backup is used if it is good, and the person is
 * told once.
 */
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyProgress, validateProgress, type Progress, type ProgressLoadResult } from '../contract.js';
import { writeFileAtomic, nodeIo, type AtomicIo } from './atomic-file.js';
import { progressFile } from './data-dir.js';
import { describeFsError } from './fs-errors.js';

/** Progress is a few kilobytes; anything near this size is damage, not data. */
export const MAX_PROGRESS_BYTES = 1024 * 1024;

/** A save refused because the progress itself is wrong (the caller's mistake, not the disk's). */
export class InvalidProgressError extends Error {
  override name = 'InvalidProgressError';
}

export interface ProgressStoreOptions {
  dataDir: string;
  /** Swappable for tests that simulate a failing disk. */
  io?: AtomicIo;
  /** Clock for the name of a kept-aside corrupt file. */
  now?: () => Date;
}

type Candidate =
  | { kind: 'missing' }
  | { kind: 'good'; progress: Progress; text: string }
  | { kind: 'bad'; reason: string }
  | { kind: 'unreadable'; reason: string };

export class ProgressStore {
  readonly file: string;
  readonly backupFile: string;
  private readonly dataDir: string;
  private readonly io: AtomicIo;
  private readonly now: () => Date;
  /** Every load and save runs after the previous one finished, so two saves never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ProgressStoreOptions) {
    this.dataDir = options.dataDir;
    this.file = progressFile(options.dataDir);
    this.backupFile = `${this.file}.bak`;
    this.io = options.io ?? nodeIo;
    this.now = options.now ?? (() => new Date());
  }

  load(): Promise<ProgressLoadResult> {
    return this.enqueue(() => this.loadNow());
  }

  save(progress: Progress): Promise<void> {
    // Validate and serialize now: a bad payload fails fast without touching the disk, and a caller
    // that changes the object after calling save() cannot change what a queued save writes.
    const checked = validateProgress(progress);
    if (!checked.ok) return Promise.reject(new InvalidProgressError(`invalid progress: ${checked.error}`));
    const text = `${JSON.stringify(checked.value, null, 2)}\n`;
    return this.enqueue(() => this.saveNow(text));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async loadNow(): Promise<ProgressLoadResult> {
    const main = await readCandidate(this.file);
    if (main.kind === 'good') return { progress: main.progress };
    if (main.kind === 'missing') return { progress: emptyProgress() };
    if (main.kind === 'unreadable') {
      return {
        progress: emptyProgress(),
        notice: `Your progress file ${this.file} could not be read (${main.reason}). Progress starts empty for now; the file was left as it is.`,
      };
    }

    // Damaged: keep it for inspection, then fall back on the backup if it is good.
    const backup = await readCandidate(this.backupFile);
    const asidePath = await this.freeCorruptName();
    const damaged = `Your progress file was damaged (${main.reason}) and has been kept aside as ${asidePath}.`;
    try {
      if (backup.kind === 'good') {
        // Copy aside then atomically replace, so progress.json never goes missing in between.
        await copyFile(this.file, asidePath);
        await writeFileAtomic(this.file, backup.text, this.io);
        return { progress: backup.progress, notice: `${damaged} The last good copy was restored from ${this.backupFile}.` };
      }
      await rename(this.file, asidePath);
      return { progress: emptyProgress(), notice: `${damaged} No good backup was found, so progress starts empty.` };
    } catch (error) {
      // A read-only or full disk: still open the app, with whatever good data there is.
      return {
        progress: backup.kind === 'good' ? backup.progress : emptyProgress(),
        notice: `Your progress file ${this.file} is damaged (${main.reason}) and could not be kept aside (${describeFsError(error)}). ${
          backup.kind === 'good' ? `The last good copy from ${this.backupFile} is used for now.` : 'Progress starts empty for now.'
        }`,
      };
    }
  }

  private async saveNow(text: string): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const current = await readCandidate(this.file);
    // Only a good file becomes the backup: a damaged one must not push out the last good copy.
    if (current.kind === 'good') await writeFileAtomic(this.backupFile, current.text, this.io);
    await writeFileAtomic(this.file, text, this.io);
  }

  /** `progress.corrupt-<ISO time>.json`, with colons replaced because Windows forbids them. */
  private async freeCorruptName(): Promise<string> {
    const stamp = this.now().toISOString().replace(/:/g, '-');
    for (let n = 0; ; n++) {
      const candidate = path.join(this.dataDir, `progress.corrupt-${stamp}${n ? `-${n}` : ''}.json`);
      if (!(await exists(candidate))) return candidate;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function readCandidate(file: string): Promise<Candidate> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { kind: 'unreadable', reason: 'it is not a regular file' };
    if (info.size > MAX_PROGRESS_BYTES) return { kind: 'bad', reason: `it is larger than ${MAX_PROGRESS_BYTES} bytes` };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: describeFsError(error) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
  const checked = validateProgress(parsed);
  if (!checked.ok) return { kind: 'bad', reason: checked.error };
  return { kind: 'good', progress: checked.value, text };
}
