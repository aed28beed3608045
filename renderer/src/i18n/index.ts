/** Locale helpers that need no reactivity (unit-tested); the current locale lives in app/state.svelte.ts. */
import { CHAPTERS, LOCALES, type Locale, type LocaleText } from '../../../host/contract.js';
import { en } from './en.js';
import { fr } from './fr.js';
import type { Messages } from './messages.js';

export type { Messages, MessageKey } from './messages.js';

export const catalogues: Readonly<Record<Locale, Messages>> = { fr, en };

/** Language names are written in their own language, whatever the UI's locale. */
export const AUTONYMS: Readonly<Record<Locale, string>> = { fr: 'Français', en: 'English' };

export type Chapter = (typeof CHAPTERS)[number];

export function isChapter(id: string): id is Chapter {
  return (CHAPTERS as readonly string[]).includes(id);
}

export function chapterName(m: Messages, chapter: string): string {
  return isChapter(chapter) ? m[`chapter.${chapter}`] : m['chapter.other'];
}

/** A lab's text in the wanted locale, else in any locale it has, else ''. */
export function localText(text: LocaleText | undefined, locale: Locale): string {
  return localTextAndLang(text, locale).text;
}

/** Like localText, also saying which language the text is in (for the element's lang attribute). */
export function localTextAndLang(text: LocaleText | undefined, locale: Locale): { text: string; lang: Locale | undefined } {
  if (!text) return { text: '', lang: undefined };
  if (text[locale]) return { text: text[locale]!, lang: locale };
  for (const other of LOCALES) if (text[other]) return { text: text[other]!, lang: other };
  return { text: '', lang: undefined };
}

/** 'fr-CA' → 'fr'; anything we do not speak → undefined. */
export function localeFromTag(tag: string | undefined | null): Locale | undefined {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : undefined;
}
