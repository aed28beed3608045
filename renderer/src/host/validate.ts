/**
 * Validators for the host's answers. Progress uses host/contract.ts's validateProgress; the contract
 * has no validator for HostInfo and LabSummary yet, so they live here (candidates to move there).
 */
import {
  LOCALES,
  validateProgress,
  type HostInfo,
  type LabSummary,
  type Locale,
  type LocaleText,
  type ProgressLoadResult,
  type Validation,
} from '../../../host/contract.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

export function validateHostInfo(v: unknown): Validation<HostInfo> {
  if (!isObject(v)) return { ok: false, error: 'host info must be an object' };
  if (v.kind !== 'electron' && v.kind !== 'browser') return { ok: false, error: 'host info: kind must be "electron" or "browser"' };
  if (typeof v.version !== 'string') return { ok: false, error: 'host info: version must be a string' };
  if (!isLocale(v.systemLocale)) return { ok: false, error: 'host info: systemLocale must be "fr" or "en"' };
  return { ok: true, value: { kind: v.kind, version: v.version, systemLocale: v.systemLocale } };
}

function validateLocaleText(v: unknown, where: string): Validation<LocaleText> {
  if (!isObject(v)) return { ok: false, error: `${where} must be an object` };
  const out: LocaleText = {};
  for (const [k, text] of Object.entries(v)) {
    if (!isLocale(k)) continue; // a language we do not speak yet: ignore, not fatal
    if (typeof text !== 'string') return { ok: false, error: `${where}.${k} must be a string` };
    out[k] = text;
  }
  return { ok: true, value: out };
}

export function validateLabSummary(v: unknown): Validation<LabSummary> {
  if (!isObject(v)) return { ok: false, error: 'lab must be an object' };
  if (typeof v.id !== 'string' || v.id === '') return { ok: false, error: 'lab id must be a non-empty string' };
  const where = `lab ${JSON.stringify(v.id)}`;
  if (typeof v.chapter !== 'string') return { ok: false, error: `${where}: chapter must be a string` };
  const title = validateLocaleText(v.title, `${where}: title`);
  if (!title.ok) return title;
  const summary = validateLocaleText(v.summary ?? {}, `${where}: summary`);
  if (!summary.ok) return summary;
  if (typeof v.durationMinutes !== 'number' || !Number.isFinite(v.durationMinutes) || v.durationMinutes < 0)
    return { ok: false, error: `${where}: durationMinutes must be a non-negative number` };
  if (!Array.isArray(v.locales) || !v.locales.every(isLocale)) return { ok: false, error: `${where}: locales must list "fr"/"en"` };
  if (v.source !== 'bundled' && v.source !== 'user') return { ok: false, error: `${where}: source must be "bundled" or "user"` };
  if (v.errors !== undefined && (!Array.isArray(v.errors) || !v.errors.every((e) => typeof e === 'string')))
    return { ok: false, error: `${where}: errors must be a list of strings` };
  const lab: LabSummary = {
    id: v.id,
    chapter: v.chapter,
    title: title.value,
    summary: summary.value,
    durationMinutes: v.durationMinutes,
    locales: [...v.locales],
    source: v.source,
  };
  if (v.errors !== undefined) lab.errors = [...(v.errors as string[])];
  return { ok: true, value: lab };
}

/**
 * The catalogue. One malformed entry does not hide the others: if it has an id it is shown as a
 * broken lab with the reason, otherwise it is left out.
 */
export function validateLabList(v: unknown): Validation<LabSummary[]> {
  if (!Array.isArray(v)) return { ok: false, error: 'the lab list must be an array' };
  const labs: LabSummary[] = [];
  for (const entry of v) {
    const r = validateLabSummary(entry);
    if (r.ok) labs.push(r.value);
    else if (isObject(entry) && typeof entry.id === 'string' && entry.id !== '')
      labs.push({
        id: entry.id,
        chapter: typeof entry.chapter === 'string' ? entry.chapter : '',
        title: validateLocaleText(entry.title, '').ok ? (entry.title as LocaleText) : {},
        summary: {},
        durationMinutes: 0,
        locales: [],
        source: entry.source === 'user' ? 'user' : 'bundled',
        errors: [r.error],
      });
  }
  return { ok: true, value: labs };
}

export function validateProgressLoadResult(v: unknown): Validation<ProgressLoadResult> {
  if (!isObject(v)) return { ok: false, error: 'progress load result must be an object' };
  const progress = validateProgress(v.progress);
  if (!progress.ok) return progress;
  if (v.notice !== undefined && typeof v.notice !== 'string') return { ok: false, error: 'notice must be a string' };
  const out: ProgressLoadResult = { progress: progress.value };
  if (typeof v.notice === 'string' && v.notice.trim() !== '') out.notice = v.notice;
  return { ok: true, value: out };
}
