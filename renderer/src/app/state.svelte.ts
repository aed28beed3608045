/**
 * The app's reactive state: host, preferences (remembered through host.saveProgress), the lab
 * catalogue, banners and the current route. One instance, created in main.ts.
 */
import {
  emptyProgress,
  type Host,
  type HostInfo,
  type LabSummary,
  type Locale,
  type Preferences,
  type Progress,
  type Theme,
} from '../../../host/contract.js';
import { catalogues, type Messages } from '../i18n/index.js';
import { describeError } from '../util/describe-error.js';
import { clampFontSize, DEFAULT_FONT_SIZE, effectivePreferences } from './preferences.js';
import { parseRoute, routeHash, type Route } from './route.js';

export type Phase = { kind: 'starting' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export interface Banner {
  id: number;
  kind: 'notice' | 'error';
  /** Text as given (host notices are not translated), or a message built from the catalogue. */
  text: string | ((m: Messages) => string);
}

const SAVE_DELAY_MS = 300;

export class AppState {
  phase = $state<Phase>({ kind: 'starting' });
  info = $state<HostInfo | undefined>();
  route = $state<Route>({ kind: 'home' });

  locale = $state<Locale>('en');
  theme = $state<Theme>('light');
  fontSize = $state(DEFAULT_FONT_SIZE);
  t: Messages = $derived(catalogues[this.locale]);

  labs = $state<LabSummary[] | undefined>();
  labsError = $state<string | undefined>();
  banners = $state<Banner[]>([]);

  private progress: Progress = emptyProgress();
  /** Only what the person chose is saved; the rest keeps following the system. */
  private chosen: Partial<Preferences> = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private nextBannerId = 1;

  constructor(
    readonly host: Host,
    private readonly system: { prefersDark: boolean },
  ) {}

  async start(): Promise<void> {
    try {
      const [info, loaded] = await Promise.all([this.host.info(), this.host.loadProgress()]);
      this.info = info;
      this.progress = loaded.progress;
      this.chosen = { ...loaded.progress.preferences };
      const prefs = effectivePreferences(this.chosen, { locale: info.systemLocale, prefersDark: this.system.prefersDark });
      this.locale = prefs.locale;
      this.theme = prefs.theme;
      this.fontSize = prefs.fontSize;
      if (loaded.notice) this.addBanner('notice', loaded.notice);
      this.phase = { kind: 'ready' };
    } catch (error) {
      this.phase = { kind: 'failed', message: describeError(error) };
      return;
    }
    await this.loadLabs();
  }

  async loadLabs(): Promise<void> {
    this.labsError = undefined;
    try {
      this.labs = await this.host.listLabs();
    } catch (error) {
      this.labs = undefined;
      this.labsError = describeError(error);
    }
  }

  lab(id: string): LabSummary | undefined {
    return this.labs?.find((l) => l.id === id);
  }

  // --- preferences -------------------------------------------------------------------------

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.choose({ locale });
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.choose({ theme });
  }

  setFontSize(px: number): void {
    const size = clampFontSize(px);
    if (size === this.fontSize) return;
    this.fontSize = size;
    this.choose({ fontSize: size });
  }

  /** Saves shortly after the last change (a held-down "A+" makes one write), one write at a time. */
  private choose(change: Partial<Preferences>): void {
    this.chosen = { ...this.chosen, ...change };
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saving = this.saving.then(() => this.save());
    }, SAVE_DELAY_MS);
  }

  /** Resolves when pending preference changes are written (tests, leaving the page). */
  async flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  private async save(): Promise<void> {
    const next: Progress = { ...this.progress, preferences: { ...this.chosen } };
    try {
      await this.host.saveProgress(next);
      this.progress = next;
      this.banners = this.banners.filter((b) => b.kind !== 'error');
    } catch (error) {
      const message = describeError(error);
      this.banners = this.banners.filter((b) => b.kind !== 'error');
      this.addBanner('error', (m) => m['prefs.saveFailed'](message));
    }
  }

  // --- banners -----------------------------------------------------------------------------

  addBanner(kind: Banner['kind'], text: Banner['text']): void {
    this.banners = [...this.banners, { id: this.nextBannerId++, kind, text }];
  }

  dismissBanner(id: number): void {
    this.banners = this.banners.filter((b) => b.id !== id);
  }

  // --- navigation --------------------------------------------------------------------------

  syncRoute(hash: string, search: string): void {
    this.route = parseRoute(hash, search);
  }

  go(route: Route): void {
    this.route = route;
    const hash = routeHash(route);
    if (routeHash(parseRoute(location.hash, location.search)) !== hash)
      history.pushState(null, '', route.kind === 'home' ? location.pathname : hash);
  }
}
