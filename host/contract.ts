/**
 * The one contract between the renderer and whoever hosts it (Electron's main process over IPC,
 * or `vlab serve` over HTTP on 127.0.0.1). Pure TypeScript: types and payload validators only,
 * imported by renderer/, electron/, cli/ and host/services/.
 */

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** A text in several languages, keyed by locale. */
export type LocaleText = Partial<Record<Locale, string>>;

export type Theme = 'light' | 'dark';

export interface Preferences {
  locale: Locale;
  theme: Theme;
  /** Terminal and UI font size in CSS pixels (a projector wants 20+). */
  fontSize: number;
}

export const FONT_SIZE_MIN = 10;
export const FONT_SIZE_MAX = 40;

/** Progress on one lab. Issue 5 (the lab engine) extends the step records. */
export interface LabProgress {
  startedAt: string;
  completedAt?: string;
  steps: Record<string, StepProgress>;
}

export interface StepProgress {
  state: 'pending' | 'active' | 'passed';
  attempts: number;
  hintsUsed: number;
  solutionShown: boolean;
  secondsSpent: number;
}

export const PROGRESS_SCHEMA_VERSION = 1;

export interface Progress {
  schemaVersion: typeof PROGRESS_SCHEMA_VERSION;
  /** Absent until the person has chosen; the renderer then uses the system's language. */
  preferences?: Partial<Preferences>;
  labs: Record<string, LabProgress>;
}

export interface LabSummary {
  id: string;
  /** One of the lecture's chapters, see CHAPTERS. */
  chapter: string;
  title: LocaleText;
  summary: LocaleText;
  durationMinutes: number;
  locales: Locale[];
  source: 'bundled' | 'user';
  /** Present when the lab could not be read; the catalogue shows it as broken with these errors. */
  errors?: string[];
}

/** The lecture's plan, in order; labs name one of these ids as their chapter. */
export const CHAPTERS = [
  'consolidation',
  'virtualisation-techniques',
  'vserver-concepts',
  'vserver-setup',
  'vserver-experience',
  'esx-architecture',
  'esx-setup',
  'esx-experience',
] as const;

export interface HostInfo {
  kind: 'electron' | 'browser';
  version: string;
  /** The system's preferred language, used until the person chooses one. */
  systemLocale: Locale;
}

export interface ProgressLoadResult {
  progress: Progress;
  /** Said once to the person, e.g. that a corrupt progress file was kept aside and where. */
  notice?: string;
}

export interface Host {
  info(): Promise<HostInfo>;
  listLabs(): Promise<LabSummary[]>;
  loadProgress(): Promise<ProgressLoadResult>;
  saveProgress(progress: Progress): Promise<void>;
}

export function emptyProgress(): Progress {
  return { schemaVersion: PROGRESS_SCHEMA_VERSION, labs: {} };
}

// ---------------------------------------------------------------------------------------------
// Validation: every payload that crosses a process or network boundary goes through these.

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function validatePreferences(v: unknown): Validation<Partial<Preferences>> {
  if (!isObject(v)) return { ok: false, error: 'preferences must be an object' };
  const out: Partial<Preferences> = {};
  for (const key of Object.keys(v)) {
    if (key !== 'locale' && key !== 'theme' && key !== 'fontSize') return { ok: false, error: `unknown preference "${key}"` };
  }
  if (v.locale !== undefined) {
    if (!LOCALES.includes(v.locale as Locale)) return { ok: false, error: 'preferences.locale must be "fr" or "en"' };
    out.locale = v.locale as Locale;
  }
  if (v.theme !== undefined) {
    if (v.theme !== 'light' && v.theme !== 'dark') return { ok: false, error: 'preferences.theme must be "light" or "dark"' };
    out.theme = v.theme;
  }
  if (v.fontSize !== undefined) {
    const n = v.fontSize;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < FONT_SIZE_MIN || n > FONT_SIZE_MAX)
      return { ok: false, error: `preferences.fontSize must be a whole number from ${FONT_SIZE_MIN} to ${FONT_SIZE_MAX}` };
    out.fontSize = n;
  }
  return { ok: true, value: out };
}

const STEP_STATES = ['pending', 'active', 'passed'];
const isCount = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;

function validateStep(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} must be an object`;
  if (!STEP_STATES.includes(v.state as string)) return `${where}.state is not a step state`;
  for (const k of ['attempts', 'hintsUsed', 'secondsSpent'] as const) if (!isCount(v[k])) return `${where}.${k} must be a non-negative number`;
  if (typeof v.solutionShown !== 'boolean') return `${where}.solutionShown must be true or false`;
  return undefined;
}

export function validateProgress(v: unknown): Validation<Progress> {
  if (!isObject(v)) return { ok: false, error: 'progress must be an object' };
  if (v.schemaVersion !== PROGRESS_SCHEMA_VERSION) return { ok: false, error: `unsupported schemaVersion ${JSON.stringify(v.schemaVersion)}` };
  const progress: Progress = { schemaVersion: PROGRESS_SCHEMA_VERSION, labs: {} };
  if (v.preferences !== undefined) {
    const p = validatePreferences(v.preferences);
    if (!p.ok) return p;
    progress.preferences = p.value;
  }
  if (!isObject(v.labs)) return { ok: false, error: 'labs must be an object' };
  for (const [id, lab] of Object.entries(v.labs)) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return { ok: false, error: `bad lab id ${JSON.stringify(id)}` };
    if (!isObject(lab) || typeof lab.startedAt !== 'string' || !isObject(lab.steps)) return { ok: false, error: `labs.${id} is malformed` };
    if (lab.completedAt !== undefined && typeof lab.completedAt !== 'string') return { ok: false, error: `labs.${id}.completedAt must be a string` };
    for (const [stepId, step] of Object.entries(lab.steps)) {
      const err = validateStep(step, `labs.${id}.steps.${stepId}`);
      if (err) return { ok: false, error: err };
    }
    progress.labs[id] = lab as unknown as LabProgress;
  }
  return { ok: true, value: progress };
}
