import { describe, expect, it } from 'vitest';
import { Accounts } from './accounts.js';
import { formatId, lookupHosts } from './identity.js';

const HOSTS = '# comment\n127.0.0.1\t\tlocalhost.localdomain localhost\n192.168.1.128\tscivm-xm4.unilim.fr scivm-xm4\n';

describe('hostname lookups in /etc/hosts', () => {
  it('finds the canonical name, aliases and address', () => {
    expect(lookupHosts(HOSTS, 'scivm-xm4.unilim.fr')).toEqual({ name: 'scivm-xm4.unilim.fr', aliases: ['scivm-xm4'], addresses: ['192.168.1.128'] });
    expect(lookupHosts(HOSTS, 'SCIVM-XM4')?.name).toBe('scivm-xm4.unilim.fr');
    expect(lookupHosts(HOSTS, 'marseille.jres.org')).toBeUndefined();
  });
});

describe('id', () => {
  const db = Accounts.empty();
  it('prints numbers without a user database, and the euid when it differs', () => {
    const ids = { ruid: 500, euid: 0, rgid: 500, egid: 500, groups: [500, 10] };
    expect(formatId(db, ids, {}).text).toBe('uid=500 gid=500 euid=0 groups=500,10\n');
    expect(formatId(db, ids, { groups: true }).text).toBe('500 10\n');
    const named = formatId(db, ids, { user: true, name: true });
    expect(named).toEqual({ text: '0\n', errors: ['cannot find name for user ID 0'] });
  });
});
