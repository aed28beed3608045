/** The system's preferred language, reduced to the two vlab speaks. */
import type { Locale } from '../contract.js';

/**
 * POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG. "C" and "POSIX" say
 * nothing about the language, so they fall through to the next source, and finally to Intl.
 */
export function detectSystemLocale(
  env: Record<string, string | undefined> = process.env,
  intlLocale: string = Intl.DateTimeFormat().resolvedOptions().locale,
): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim();
    if (!value || value === 'C' || value === 'POSIX' || value.startsWith('C.')) continue;
    return toLocale(value);
  }
  return toLocale(intlLocale);
}

export function toLocale(tag: string): Locale {
  return tag.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
