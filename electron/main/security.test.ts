import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CSP, decideNavigation, isAllowedExternalUrl, isAppUrl, isTrustedSender, resolveAppRequest } from './security.js';

describe('app URLs', () => {
  it('recognises only app://vlab/…', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://vlab/assets/x.js')).toBe(true);
    for (const url of ['app://other/index.html', 'app://user:pw@vlab/', 'file:///index.html', 'http://vlab/', 'https://linux-vserver.org/', 'not a url', '']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('external links', () => {
  it('allows https on the allow-list only', () => {
    expect(isAllowedExternalUrl('https://linux-vserver.org/Overview')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.vmware.com/en/')).toBe(true);
    for (const url of [
      'http://linux-vserver.org/',
      'https://linux-vserver.org.evil.example/',
      'https://evil.example/?https://linux-vserver.org',
      'https://linux-vserver.org:8443/',
      'https://a@linux-vserver.org/',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });

  it('decides navigation: stay in the app, go out to the browser, or nothing', () => {
    expect(decideNavigation('app://vlab/index.html')).toBe('allow');
    expect(decideNavigation('https://linux-vserver.org/')).toBe('open-external');
    expect(decideNavigation('https://evil.example/')).toBe('deny');
    expect(decideNavigation('http://127.0.0.1:4317/')).toBe('deny');
  });
});

describe('IPC senders', () => {
  it('trusts only the top frame of an app:// page', () => {
    expect(isTrustedSender({ url: 'app://vlab/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://vlab/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://linux-vserver.org/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('app:// paths', () => {
  it('maps requests into the renderer folder and refuses escapes', () => {
    expect(resolveAppRequest('/r', 'app://vlab/')).toBe('/r/index.html');
    expect(resolveAppRequest('/r', 'app://vlab/assets/a.js?x=1#y')).toBe('/r/assets/a.js');
    expect(resolveAppRequest('/r', 'app://vlab/..%2f..%2fetc/passwd')).toBeUndefined();
    expect(resolveAppRequest('/r', 'app://vlab/%2e%2e/package.json')).toBe('/r/package.json');
    expect(resolveAppRequest('/r', 'app://other/index.html')).toBeUndefined();
    expect(resolveAppRequest('/r', 'file:///r/index.html')).toBeUndefined();
  });

  it('has a CSP that allows only the app itself', () => {
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toMatch(/'unsafe-eval'|\*|https?:/);
  });
});
