import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../../host/contract.js';
import { catalogues, chapterName, localText, localTextAndLang, localeFromTag } from './index.js';
import { en } from './en.js';
import { fr } from './fr.js';

describe('message catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have the same kind of value (text or function of the same arity) for every key', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const a = en[key];
      const b = fr[key];
      expect(typeof b, key).toBe(typeof a);
      if (typeof a === 'function' && typeof b === 'function') expect(b.length, key).toBe(a.length);
    }
  });

  it('have no empty message, and functions say something with any argument', () => {
    for (const [locale, m] of Object.entries(catalogues)) {
      for (const [key, value] of Object.entries(m)) {
        const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(7, 9) : value;
        expect(typeof text, `${locale} ${key}`).toBe('string');
        expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
        expect(text, `${locale} ${key}`).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('name every chapter of the lecture in both languages', () => {
    for (const c of CHAPTERS) {
      expect(chapterName(en, c)).not.toBe(en['chapter.other']);
      expect(chapterName(fr, c)).not.toBe(fr['chapter.other']);
    }
    expect(chapterName(fr, 'consolidation')).toBe('Pourquoi consolider\u00a0?');
    expect(chapterName(en, 'vserver-setup')).toBe('Linux-VServer – Setting up');
    expect(chapterName(en, 'no-such-chapter')).toBe('Other labs');
  });
});

describe('localText', () => {
  it('prefers the wanted locale, then any other, then nothing', () => {
    expect(localText({ fr: 'Bonjour', en: 'Hello' }, 'fr')).toBe('Bonjour');
    expect(localText({ fr: 'Bonjour' }, 'en')).toBe('Bonjour');
    expect(localText({ en: '' , fr: 'Oui' }, 'en')).toBe('Oui');
    expect(localText({}, 'en')).toBe('');
    expect(localText(undefined, 'en')).toBe('');
  });
  it('says which language the text is in', () => {
    expect(localTextAndLang({ fr: 'Bonjour' }, 'en')).toEqual({ text: 'Bonjour', lang: 'fr' });
    expect(localTextAndLang({}, 'en')).toEqual({ text: '', lang: undefined });
  });
});

describe('localeFromTag', () => {
  it('maps language tags to the locales we speak', () => {
    expect(localeFromTag('fr-FR')).toBe('fr');
    expect(localeFromTag('EN_us')).toBe('en');
    expect(localeFromTag('de')).toBeUndefined();
    expect(localeFromTag(undefined)).toBeUndefined();
  });
});
