import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, capabilityBit } from './capabilities.js';
import { moduleImageHeader, moduleNameOf, ModuleTable } from './modules.js';
import type { Task } from './task.js';

const task = (caps: bigint) => ({ cred: { caps } }) as unknown as Task;
const root = task(ALL_CAPABILITIES);
const guestRoot = task(ALL_CAPABILITIES & ~capabilityBit('SYS_MODULE'));

describe('kernel modules', () => {
  it('boots with the server drivers loaded, newest first, users listed', () => {
    const text = new ModuleTable().procText();
    expect(text.split('\n')[0]).toMatch(/^autofs4 19204 0 - Live 0x[0-9a-f]+$/);
    expect(text).toMatch(/^jbd 51732 1 ext3, Live 0x/m);
    expect(text).toMatch(/^scsi_mod 124168 3 qla2xxx,scsi_transport_fc,sd_mod, Live 0x/m);
  });
  it('init_module and delete_module need CAP_SYS_MODULE', () => {
    const t = new ModuleTable();
    expect(() => t.initModule(guestRoot, moduleImageHeader('dummy'))).toThrow(expect.objectContaining({ code: 'EPERM' }));
    expect(() => t.deleteModule(guestRoot, 'loop')).toThrow(expect.objectContaining({ code: 'EPERM' }));
    t.initModule(root, moduleImageHeader('dummy'));
    expect(t.find('dummy')).toBeDefined();
    t.deleteModule(root, 'dummy');
    expect(t.find('dummy')).toBeUndefined();
  });
  it('refuses bad images, duplicates, missing symbols and modules in use', () => {
    const t = new ModuleTable();
    expect(() => t.initModule(root, 'not a module')).toThrow(expect.objectContaining({ code: 'ENOEXEC' }));
    expect(() => t.initModule(root, moduleImageHeader('loop'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => t.initModule(root, moduleImageHeader('vfat'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => t.deleteModule(root, 'jbd')).toThrow(expect.objectContaining({ code: 'EAGAIN' }));
    expect(() => t.deleteModule(root, 'nosuch')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
  it('saves and restores the table', () => {
    const t = new ModuleTable();
    const saved = t.save();
    t.initModule(root, moduleImageHeader('dummy'));
    t.restore(saved);
    expect(t.find('dummy')).toBeUndefined();
  });
  it('names modules as modprobe does', () => {
    expect(moduleNameOf('/lib/modules/x/kernel/drivers/md/dm-mod.ko')).toBe('dm_mod');
  });
});
