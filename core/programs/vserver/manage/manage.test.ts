import { describe, expect, it } from 'vitest';
import '../../index.js';
import { capabilityBit } from '../../../kernel/capabilities.js';
import { VXC, VXF } from '../../../kernel/vserver/bits.js';
import { findProgram } from '../../registry.js';
import { guestAttributes, INSECURE_BCAPS, parseAttributeList, SECURE_CCAPS } from './attributes.js';
import { minimalGuestLayout, minimalGuestPrograms } from './guest-files.js';
import { interfaceCommands, type GuestInterface } from './options.js';
import { parseInterface } from './setup.js';

describe('the attributes of a started guest (§3.4, §8.6)', () => {
  it('--secure --flag default --flag fakeinit, plus the guest lists', () => {
    const plain = guestAttributes({ cflags: [], bcaps: [], ccaps: [] });
    expect(plain.flags).toBe(VXF.hide_netif | VXF.virt_uptime | VXF.sc_helper | VXF.fakeinit);
    expect(plain.ccaps).toBe(SECURE_CCAPS);
    expect(SECURE_CCAPS).toBe(0x4101n);
    // The secure bounding set: 0xb44c04ff of the low 32 bits stays.
    expect((0xffffffffn & ~INSECURE_BCAPS).toString(16)).toBe('b44c04ff');
    expect(plain.bcapsRemoved).toBe(INSECURE_BCAPS);

    const seed = guestAttributes({ cflags: ['virt_uptime', 'virt_mem', '!hide_netif'], bcaps: ['NET_RAW', '!CAP_CHOWN'], ccaps: ['secure_mount', '~raw_icmp'] });
    expect(seed.flags).toBe(VXF.virt_uptime | VXF.sc_helper | VXF.fakeinit | VXF.virt_mem);
    expect(seed.flagMask & VXF.hide_netif).toBe(VXF.hide_netif);
    expect(seed.bcapsRemoved & capabilityBit('NET_RAW')).toBe(0n);
    expect(seed.bcapsRemoved & capabilityBit('CHOWN')).toBe(capabilityBit('CHOWN'));
    expect(seed.ccaps).toBe(VXC.set_utsname | VXC.audit_control | VXC.secure_mount);
  });

  it('list syntax: aliases, prefixes, case, numbers, ^N, and the unknown name', () => {
    expect(parseAttributeList('flag', 'VXF_VIRT_MEM,^0,0x20000')).toEqual({ set: VXF.virt_mem | VXF.lock | VXF.virt_uptime, clear: 0n });
    expect(parseAttributeList('ccap', 'ping,!mount')).toEqual({ set: VXC.raw_icmp, clear: VXC.secure_mount });
    expect(() => guestAttributes({ cflags: ['frob'], bcaps: [], ccaps: [] })).toThrow("Unknown flag 'frob'");
    expect(() => guestAttributes({ cflags: [], bcaps: ['CAP_FROB'], ccaps: [] })).toThrow("Unknown bcap 'CAP_FROB'");
  });
});

describe('--interface [NAME=][DEV:]IP[/MASK|PREFIX] (setup_test of vserver-setup.functions)', () => {
  it('splits as the script does', () => {
    expect(parseInterface('vs=eth0:10.1.1.2')).toEqual({ name: 'vs', dev: 'eth0', nodev: false, ip: '10.1.1.2', mask: undefined, prefix: undefined });
    expect(parseInterface('foo1=eth0:1.2.3.4/255.255.248.0')).toEqual({ name: 'foo1', dev: 'eth0', nodev: false, ip: '1.2.3.4', mask: '255.255.248.0', prefix: undefined });
    expect(parseInterface('foo4=1.2.3.4/1')).toEqual({ name: 'foo4', dev: undefined, nodev: false, ip: '1.2.3.4', mask: undefined, prefix: '1' });
    expect(parseInterface('nodev:1.2.3.4')).toEqual({ name: undefined, dev: undefined, nodev: true, ip: '1.2.3.4', mask: undefined, prefix: undefined });
  });

  it('gives the ip commands of enableInterfaces', () => {
    const i: GuestInterface = { ip: '10.1.1.2', prefix: undefined, dev: 'eth0', name: 'vs', bcast: undefined, scope: undefined, nodev: false, down: false };
    expect(interfaceCommands([i, { ...i, ip: '10.1.1.3', prefix: '24', name: undefined, down: true }, { ...i, nodev: true }])).toEqual([
      { add: ['10.1.1.2', 'broadcast', '+', 'label', 'eth0:vs', 'dev', 'eth0'], link: ['eth0', 'up'] },
      { add: ['10.1.1.3/24', 'broadcast', '+', 'dev', 'eth0'], link: ['eth0'] },
    ]);
  });
});

describe('the built-in minimal guests', () => {
  it('install only programs that exist, and the rc their init style runs', () => {
    for (const name of minimalGuestPrograms()) expect(findProgram(name), name).toBeDefined();
    const rh = minimalGuestLayout('rhel4')!;
    for (const [path, entry] of Object.entries(rh)) if ('program' in entry) expect(findProgram(entry.program), path).toBeDefined();
    expect(rh['/etc/rc.d/rc']).toBeDefined();
    expect(rh['/etc/rc.d/rc3.d/S55sshd']).toEqual({ symlink: '../init.d/sshd' });
    expect(minimalGuestLayout('etch')!['/etc/init.d/rc']).toBeDefined();
    expect(minimalGuestLayout('rhel9')).toBeUndefined();
  });
});
