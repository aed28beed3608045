import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProgress, PROGRESS_SCHEMA_VERSION, type Progress } from '../contract.js';
import { nodeIo, writeFileAtomic, type AtomicIo } from './atomic-file.js';
import { InvalidProgressError, ProgressStore } from './progress-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vlab-progress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withLab = (id: string, attempts = 1): Progress => ({
  schemaVersion: PROGRESS_SCHEMA_VERSION,
  preferences: { locale: 'fr' },
  labs: {
    [id]: {
      startedAt: '2025-01-01T10:00:00Z',
      steps: { s1: { state: 'active', attempts, hintsUsed: 0, solutionShown: false, secondsSpent: 12 } },
    },
  },
});

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const file = path.join(dir, 'f.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['f.json']);
  });

  it('leaves the old file intact when the write fails', async () => {
    const file = path.join(dir, 'f.json');
    await writeFile(file, 'old');
    // A disk that fails while flushing the new data (e.g. full or unplugged).
    const failingIo: AtomicIo = {
      ...nodeIo,
      open: (async (...args: Parameters<typeof nodeIo.open>) => {
        const handle = await nodeIo.open(...args);
        if (String(args[0]).endsWith('.tmp')) {
          handle.sync = async () => {
            throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
          };
        }
        return handle;
      }) as AtomicIo['open'],
    };
    await expect(writeFileAtomic(file, 'new', failingIo)).rejects.toThrow('no space left');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['f.json']);
  });

  it('leaves the old file intact when the rename fails', async () => {
    const file = path.join(dir, 'f.json');
    await writeFile(file, 'old');
    const failingIo: AtomicIo = { ...nodeIo, rename: async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })) };
    await expect(writeFileAtomic(file, 'new', failingIo)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['f.json']);
  });
});

describe('ProgressStore', () => {
  it('starts empty when there is no file, without a notice', async () => {
    const store = new ProgressStore({ dataDir: path.join(dir, 'not-yet') });
    expect(await store.load()).toEqual({ progress: emptyProgress() });
  });

  it('saves and loads back, keeping the previous good version as .bak', async () => {
    const store = new ProgressStore({ dataDir: dir });
    await store.save(withLab('first'));
    await store.save(withLab('second'));
    expect((await store.load()).progress).toEqual(withLab('second'));
    expect(await readJson(store.backupFile)).toEqual(withLab('first'));
  });

  it('refuses invalid progress without touching the file', async () => {
    const store = new ProgressStore({ dataDir: dir });
    await store.save(withLab('good'));
    const before = await readFile(store.file, 'utf8');
    const bad = { schemaVersion: 1, labs: { 'Bad Id': {} } } as unknown as Progress;
    await expect(store.save(bad)).rejects.toBeInstanceOf(InvalidProgressError);
    await expect(store.save(bad)).rejects.toThrow(/invalid progress: bad lab id/);
    expect(await readFile(store.file, 'utf8')).toBe(before);
  });

  it('keeps a corrupt file aside, restores the backup and says so once', async () => {
    const now = () => new Date('2025-03-04T05:06:07.890Z');
    const store = new ProgressStore({ dataDir: dir, now });
    await store.save(withLab('first'));
    await store.save(withLab('second'));
    await writeFile(store.file, '{"schemaVersion": 1, "labs": {'); // a torn write by another program

    const result = await store.load();
    const aside = path.join(dir, 'progress.corrupt-2025-03-04T05-06-07.890Z.json');
    expect(result.progress).toEqual(withLab('first'));
    expect(result.notice).toContain(aside);
    expect(result.notice).toContain('restored');
    expect(await readFile(aside, 'utf8')).toBe('{"schemaVersion": 1, "labs": {');
    expect(await readJson(store.file)).toEqual(withLab('first'));

    // Said once: the next load finds a good file.
    expect(await store.load()).toEqual({ progress: withLab('first') });
  });

  it('falls back on empty progress when the backup is bad too', async () => {
    const store = new ProgressStore({ dataDir: dir });
    await writeFile(store.file, JSON.stringify({ schemaVersion: 99, labs: {} }));
    await writeFile(store.backupFile, 'not json');
    const result = await store.load();
    expect(result.progress).toEqual(emptyProgress());
    expect(result.notice).toMatch(/unsupported schemaVersion 99.*kept aside as .*progress\.corrupt-.*\.json.*No good backup/);
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith('progress.corrupt-'))).toHaveLength(1);
    expect(names).not.toContain('progress.json');
    // The damaged file does not push out the backup on the next save.
    await store.save(withLab('fresh'));
    expect(await readFile(store.backupFile, 'utf8')).toBe('not json');
  });

  it('treats an oversized file as damaged', async () => {
    const store = new ProgressStore({ dataDir: dir });
    await writeFile(store.file, ' '.repeat(1024 * 1024 + 1));
    const result = await store.load();
    expect(result.notice).toMatch(/larger than/);
  });

  it('never gives the same corrupt name twice', async () => {
    const now = () => new Date('2025-03-04T05:06:07.890Z');
    const store = new ProgressStore({ dataDir: dir, now });
    await writeFile(store.file, 'x');
    await store.load();
    await writeFile(store.file, 'y');
    const second = await store.load();
    expect(second.notice).toContain('progress.corrupt-2025-03-04T05-06-07.890Z-1.json');
  });

  it('serializes concurrent saves: the last one wins, the file is always whole', async () => {
    const store = new ProgressStore({ dataDir: dir });
    const saves = Array.from({ length: 25 }, (_, i) => store.save(withLab(`lab-${i}`, i)));
    await Promise.all(saves);
    expect(await readJson(store.file)).toEqual(withLab('lab-24', 24));
    expect(await readJson(store.backupFile)).toEqual(withLab('lab-23', 23));
    expect((await readdir(dir)).sort()).toEqual(['progress.json', 'progress.json.bak']);
  });

  it('keeps serving after a failed save', async () => {
    const store = new ProgressStore({ dataDir: dir });
    const bad = { schemaVersion: 2, labs: {} } as unknown as Progress;
    const results = await Promise.allSettled([store.save(withLab('a')), store.save(bad), store.save(withLab('b'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await readJson(store.file)).toEqual(withLab('b'));
  });
});
