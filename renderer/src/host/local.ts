/**
 * The host used under plain `npm run dev` (Vite alone, no vlab server) and when the page is opened
 * from any static server: no labs, progress kept in this browser's localStorage.
 */
import { emptyProgress, validateProgress, type Host, type Locale, type Progress } from '../../../host/contract.js';

export const LOCAL_PROGRESS_KEY = 'vlab.progress';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function localHost(storage: StorageLike, systemLocale: Locale, version = 'dev'): Host {
  return {
    async info() {
      return { kind: 'browser', version, systemLocale };
    },
    async listLabs() {
      return [];
    },
    async loadProgress() {
      let text: string | null;
      try {
        text = storage.getItem(LOCAL_PROGRESS_KEY);
      } catch {
        return { progress: emptyProgress(), notice: 'This browser does not let vlab keep your progress (storage is blocked).' };
      }
      if (text === null) return { progress: emptyProgress() };
      try {
        const v = validateProgress(JSON.parse(text));
        if (v.ok) return { progress: v.value };
        return { progress: emptyProgress(), notice: `Your saved progress could not be read (${v.error}); starting afresh.` };
      } catch {
        return { progress: emptyProgress(), notice: 'Your saved progress could not be read; starting afresh.' };
      }
    },
    async saveProgress(progress: Progress) {
      storage.setItem(LOCAL_PROGRESS_KEY, JSON.stringify(progress));
    },
  };
}
