/** Preference rules that need no reactivity (unit-tested). */
import { FONT_SIZE_MAX, FONT_SIZE_MIN, type Locale, type Preferences, type Theme } from '../../../host/contract.js';

export const DEFAULT_FONT_SIZE = 15;

export function clampFontSize(px: number): number {
  if (!Number.isFinite(px)) return DEFAULT_FONT_SIZE;
  return Math.min(FONT_SIZE_MAX, Math.max(FONT_SIZE_MIN, Math.round(px)));
}

/** What the app shows: the person's choices, else the system's. */
export function effectivePreferences(
  chosen: Partial<Preferences> | undefined,
  system: { locale: Locale; prefersDark: boolean },
): Preferences {
  return {
    locale: chosen?.locale ?? system.locale,
    theme: chosen?.theme ?? ((system.prefersDark ? 'dark' : 'light') satisfies Theme),
    fontSize: chosen?.fontSize !== undefined ? clampFontSize(chosen.fontSize) : DEFAULT_FONT_SIZE,
  };
}
