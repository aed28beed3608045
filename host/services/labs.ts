/**
 * The lab catalogue: every folder of the bundled `labs/` and of the person's own labs folder.
 * Only the header of each lab is read here (lab.yaml and which languages exist); the full lab
 * format and its validation come with the lab engine. A lab that cannot be read is listed with
 * its errors rather than hidden or thrown, so a teacher sees what to fix. Nothing from a lab is
 * ever executed: YAML is parsed as data only.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { CHAPTERS, LOCALES, type LabSummary, type Locale, type LocaleText } from '../contract.js';
import { describeFsError } from './fs-errors.js';

export interface LabsDirs {
  /** The labs shipped with vlab (read-only). */
  bundled: string;
  /** The person's own labs, `<data>/labs`. */
  user: string;
}

/** The lab header versions this build understands. */
export const LAB_SCHEMA_VERSIONS = [1];
/** No lab file has a reason to be this large; refusing keeps a stray file from eating memory. */
export const MAX_LAB_FILE_BYTES = 1024 * 1024;
export const LAB_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_DURATION_MINUTES = 24 * 60;

export async function listLabs(dirs: LabsDirs): Promise<LabSummary[]> {
  const labs = [...(await readLabsFolder(dirs.bundled, 'bundled')), ...(await readLabsFolder(dirs.user, 'user'))];
  labs.sort(compareLabs);
  flagDuplicateIds(labs);
  return labs;
}

/**
 * Chapter order of the lecture, then id; bundled before user, good before broken on a tie;
 * unknown chapters last. Folders are read in name order and the sort is stable, so the order
 * never depends on the file system.
 */
function compareLabs(a: LabSummary, b: LabSummary): number {
  const rank = (lab: LabSummary) => {
    const i = (CHAPTERS as readonly string[]).indexOf(lab.chapter);
    return i < 0 ? CHAPTERS.length : i;
  };
  return rank(a) - rank(b) || compareText(a.id, b.id) || compareText(a.source, b.source) || Number(!!a.errors) - Number(!!b.errors);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Progress is keyed by lab id and the catalogue lists labs by id, so ids must be unique. Good labs
 * claim their id first (in catalogue order); a second good lab with a taken id is marked broken.
 * A broken lab whose id (or folder name) is taken gets `id~N`: "~" never appears in a valid id,
 * so the renamed entry cannot collide with a real lab or with someone's progress.
 */
function flagDuplicateIds(labs: LabSummary[]): void {
  const taken = new Set<string>();
  const owners = new Set<LabSummary>();
  for (const lab of labs) {
    if (lab.errors) continue;
    if (taken.has(lab.id)) lab.errors = [`another lab already uses the id "${lab.id}"; rename one of them`];
    else {
      taken.add(lab.id);
      owners.add(lab);
    }
  }
  for (const lab of labs) {
    if (owners.has(lab)) continue;
    if (taken.has(lab.id)) {
      let n = 2;
      while (taken.has(`${lab.id}~${n}`)) n++;
      lab.id = `${lab.id}~${n}`;
    }
    taken.add(lab.id);
  }
}

async function readLabsFolder(root: string, source: LabSummary['source']): Promise<LabSummary[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    // A missing user labs folder is normal; an unreadable one has no lab to show errors on.
    return [];
  }
  // Dirent.isDirectory() is false for symbolic links: a lab folder must really be inside root.
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(compareText);
  return Promise.all(folders.map((name) => readLabHeader(path.join(root, name), source)));
}

/** Read one lab folder's header; never throws. */
export async function readLabHeader(folder: string, source: LabSummary['source']): Promise<LabSummary> {
  const name = path.basename(folder);
  const errors: string[] = [];
  const summary: LabSummary = {
    id: name,
    chapter: '',
    title: { en: name, fr: name },
    summary: {},
    durationMinutes: 0,
    locales: [],
    source,
  };

  let textProblem = false;
  for (const locale of LOCALES) {
    const file = `${locale}.md`;
    const result = await statLabFile(path.join(folder, file));
    if (result === 'missing') continue;
    if (result === 'ok') summary.locales.push(locale);
    else {
      textProblem = true;
      errors.push(`${name}/${file}: ${result}`);
    }
  }
  if (summary.locales.length === 0 && !textProblem) errors.push(`${name}: the lab has neither fr.md nor en.md`);

  const yamlFile = path.join(folder, 'lab.yaml');
  const text = await readLabFile(yamlFile);
  if (typeof text !== 'string') {
    errors.push(`${name}/lab.yaml: ${text.error}`);
  } else {
    readHeaderFields(text, `${name}/lab.yaml`, summary, errors);
  }

  if (errors.length) summary.errors = errors;
  return summary;
}

async function statLabFile(file: string): Promise<'ok' | 'missing' | string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return 'it is not a regular file';
    if (info.size > MAX_LAB_FILE_BYTES) return `the file is larger than ${MAX_LAB_FILE_BYTES / (1024 * 1024)} MB`;
    return 'ok';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return `cannot be read: ${describeFsError(error)}`;
  }
}

async function readLabFile(file: string): Promise<string | { error: string }> {
  const status = await statLabFile(file);
  if (status === 'missing') return { error: 'the file is missing' };
  if (status !== 'ok') return { error: status };
  try {
    const text = await readFile(file, 'utf8');
    // The file may have grown since stat(); the limit holds either way.
    if (Buffer.byteLength(text) > MAX_LAB_FILE_BYTES) return { error: `the file is larger than ${MAX_LAB_FILE_BYTES / (1024 * 1024)} MB` };
    return text;
  } catch (error) {
    return { error: `cannot be read: ${describeFsError(error)}` };
  }
}

/** Fill `summary` from lab.yaml, pushing one `file:line: message` per problem found. */
function readHeaderFields(text: string, where: string, summary: LabSummary, errors: string[]): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => (offset === undefined ? where : `${where}:${lineCounter.linePos(offset).line}`);

  if (doc.errors.length) {
    for (const e of doc.errors.slice(0, 5)) errors.push(`${at(e.pos[0])}: ${firstLine(e.message)}`);
    return;
  }
  if (!isMap(doc.contents)) {
    errors.push(`${at(0)}: lab.yaml must be a mapping of fields (schema_version, id, title, …)`);
    return;
  }

  let data: Record<string, unknown>;
  try {
    // Aliases are expanded by toJS; the cap stops a "billion laughs" file.
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    errors.push(`${where}: ${error instanceof Error ? firstLine(error.message) : 'cannot be read'}`);
    return;
  }
  const line = (key: string) => at(keyOffset(doc, key));
  const missing = (key: string) => errors.push(`${where}: missing field "${key}"`);

  const version = data.schema_version;
  if (version === undefined) missing('schema_version');
  else if (typeof version !== 'number' || !LAB_SCHEMA_VERSIONS.includes(version)) {
    const newer = typeof version === 'number' && version > Math.max(...LAB_SCHEMA_VERSIONS);
    errors.push(
      newer
        ? `${line('schema_version')}: schema_version ${version} is newer than this version of vlab understands (${LAB_SCHEMA_VERSIONS.join(', ')}); update vlab`
        : `${line('schema_version')}: schema_version must be ${LAB_SCHEMA_VERSIONS.join(' or ')}`,
    );
  }

  const id = data.id;
  if (id === undefined) missing('id');
  else if (typeof id !== 'string' || !LAB_ID_PATTERN.test(id))
    errors.push(`${line('id')}: id must be lowercase letters, digits and dashes (at most 64), starting with a letter or digit`);
  else summary.id = id;

  for (const key of ['title', 'summary'] as const) {
    const value = data[key];
    if (value === undefined) {
      missing(key);
      continue;
    }
    const text = readLocaleText(value);
    if (typeof text === 'string') errors.push(`${line(key)}: ${key} ${text}`);
    else summary[key] = text;
  }

  const chapter = data.chapter;
  if (chapter === undefined) missing('chapter');
  else if (typeof chapter !== 'string' || !(CHAPTERS as readonly string[]).includes(chapter))
    errors.push(`${line('chapter')}: chapter must be one of ${CHAPTERS.join(', ')}`);
  else summary.chapter = chapter;

  const duration = data.duration;
  if (duration === undefined) missing('duration');
  else if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_MINUTES)
    errors.push(`${line('duration')}: duration must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}`);
  else summary.durationMinutes = duration;
}

/** `{fr: "...", en: "..."}` with at least one non-empty text; returns an error phrase otherwise. */
function readLocaleText(value: unknown): LocaleText | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a mapping like {fr: "…", en: "…"}';
  const out: LocaleText = {};
  for (const [key, text] of Object.entries(value)) {
    if (!LOCALES.includes(key as Locale)) return `has an unknown language "${key}" (use fr and en)`;
    if (typeof text !== 'string' || text.trim() === '') return `.${key} must be non-empty text`;
    out[key as Locale] = text;
  }
  if (Object.keys(out).length === 0) return 'needs a text in fr or en';
  return out;
}

function keyOffset(doc: Document, key: string): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.key.range?.[0];
  }
  return undefined;
}

const firstLine = (message: string) => message.split('\n')[0]!.trim();
