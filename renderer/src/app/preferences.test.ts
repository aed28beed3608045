import { describe, expect, it } from 'vitest';
import { clampFontSize, effectivePreferences } from './preferences.js';

describe('preferences', () => {
  it('follow the system until the person chooses', () => {
    expect(effectivePreferences(undefined, { locale: 'fr', prefersDark: true })).toEqual({ locale: 'fr', theme: 'dark', fontSize: 15 });
    expect(effectivePreferences({ locale: 'en', fontSize: 22 }, { locale: 'fr', prefersDark: false })).toEqual({
      locale: 'en',
      theme: 'light',
      fontSize: 22,
    });
  });
  it('keep font sizes within 10–40 px', () => {
    expect(clampFontSize(4)).toBe(10);
    expect(clampFontSize(99)).toBe(40);
    expect(clampFontSize(20.4)).toBe(20);
    expect(clampFontSize(Number.NaN)).toBe(15);
  });
});
