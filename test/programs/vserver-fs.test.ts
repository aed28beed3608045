/**
 * util-vserver's file-attribute and disk-limit tools (core/programs/vserver-fs) on the booted
 * seed host: showattr/setattr with the seed's /proc/uptime transcript, lsxid/chxid on a tagging
 * filesystem, vprocunhide and its init script, vdu/vdlimit with a guest writing past its limit,
 * and the chroot-escape demo with and without the barrier. Guests are processes put into a
 * security context with the kernel's own call (what chcontext does), their capabilities cut as
 * `chcontext --secure` cuts them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../core/programs/files/index.js';
import '../../core/programs/system/index.js';
import '../../core/programs/text/index.js';
import '../../core/programs/packages/index.js';
import '../../core/programs/vserver-fs/index.js';
import { vprocunhideAtBoot, vprocunhideInitLayout, vserverFsProgramLayout } from '../../core/programs/vserver-fs/index.js';
import { capabilityBit, type CapabilityName } from '../../core/kernel/capabilities.js';
import { SyscallError } from '../../core/kernel/errno.js';
import type { FsCalls } from '../../core/kernel/fs-calls.js';
import { captureFile, stringFile } from '../../core/kernel/memory-file.js';
import type { Process } from '../../core/kernel/process.js';
import { populate, type VfsMachineFs } from '../../core/world/machine-fs.js';
import type { FsLayout } from '../../core/world/layout.js';
import { bootTestWorld, type RunResult, type TestWorld } from '../support/world.js';

const PATH = '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin';

/** What `chcontext --secure` takes away from a guest (reference §3.4). */
const SECURE_REMOVED: CapabilityName[] = ['SYS_ADMIN', 'SYS_RESOURCE', 'LINUX_IMMUTABLE', 'NET_ADMIN', 'NET_RAW', 'MKNOD', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_TIME', 'SYS_BOOT'];
const REMOVE_CAPS = SECURE_REMOVED.reduce((set, name) => set | capabilityBit(name), 0n);

/**
 * The seed host with this folder's programs, init script and boot step — what the host layout
 * and boot will hold once they are wired in (each step is skipped when already there).
 */
async function bootHost(): Promise<TestWorld> {
  const w = await bootTestWorld();
  const mfs = w.machine.fs as VfsMachineFs;
  const ctx = mfs.vfs.hostContext(mfs.rootNamespace);
  const missing: FsLayout = {};
  for (const [path, entry] of Object.entries({ ...vserverFsProgramLayout(), ...vprocunhideInitLayout() })) {
    try {
      mfs.vfs.lstat(ctx, path);
    } catch {
      missing[path] = entry;
    }
  }
  populate(mfs.vfs, ctx, missing);
  if ((await w.run('test -e /var/lock/subsys/vprocunhide')).status !== 0) await vprocunhideAtBoot(w.machine.initProcess);
  await w.settle();
  return w;
}

/**
 * Run `bash -c` as root of security context `xid` (created on first use), optionally chrooted
 * first — a guest as `vserver … enter` makes one: chroot on the host, then the context.
 */
function runInGuest(w: TestWorld, xid: number, command: string, options: { root?: string } = {}): Promise<RunResult> {
  return runProcess(w, command, { ...options, xid });
}

/** Run `bash -c` in a process of our own: chrooted, in a context, or as an unprivileged user. */
async function runProcess(w: TestWorld, command: string, options: { root?: string; xid?: number; uid?: number }): Promise<RunResult> {
  const m = w.machine;
  let stdout = '';
  let stderr = '';
  const pid = m.initProcess.fork(async (p) => {
    for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
    p.install(stringFile(''));
    p.install(captureFile((d) => (stdout += d)));
    p.install(captureFile((d) => (stderr += d)));
    p.setpgid(0, 0);
    if (options.root) p.fs.chroot(options.root);
    p.fs.chdir(options.uid === undefined ? '/' : '/tmp');
    if (options.xid !== undefined) p.vx.newSContext(options.xid, REMOVE_CAPS, 0n);
    if (options.uid !== undefined) {
      const id = options.uid;
      p.task.cred = { uid: id, gid: id, euid: id, egid: id, groups: [id], caps: 0n };
    }
    return p.exec('/bin/bash', ['bash', '-c', command], { HOME: '/', USER: 'root', LOGNAME: 'root', PATH, TERM: 'xterm' });
  });
  let status: number | undefined;
  void m.whenExits(pid).then((s) => (status = s));
  for (let i = 0; status === undefined && i < 1000; i++) await w.settle();
  return { stdout, stderr, status: status ?? -1 };
}

/** A command that must succeed silently or with the given output. */
async function ok(w: TestWorld, command: string): Promise<string> {
  const r = await w.run(command);
  expect(r.stderr, `stderr of ${command}`).toBe('');
  expect(r.status, `status of ${command}`).toBe(0);
  return r.stdout;
}

function expectResult(r: RunResult, stdout: string, stderr: string, status: number): void {
  expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ stdout, stderr, status });
}

/** Mount a fresh ext3 with context tagging (mount option tagxid) on the host: 8 MiB of 1 KiB blocks. */
function mountTaggingFilesystem(w: TestWorld, target: string): void {
  const mfs = w.machine.fs as VfsMachineFs;
  const ctx = mfs.vfs.hostContext(mfs.rootNamespace);
  mfs.vfs.mkdirp(ctx, target, 0o755);
  const fs = mfs.vfs.createFilesystem({ type: 'ext3', device: '/dev/sdb1', blocks: 8192, blockSize: 1024, inodes: 2048, tagging: true });
  mfs.vfs.mount(ctx, target, fs, { device: '/dev/sdb1' });
}

const SHOWATTR_HINT = `Try 'showattr --help" for more information.\n`;

describe('showattr', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
  }, 60_000);

  it('reproduces the seed transcript on /proc/uptime, and the attribute hides the entry from guests', async () => {
    const t = await w.terminal();
    await t.type('showattr /proc/uptime\r');
    await t.type('setattr --hide /proc/uptime\r');
    await t.type('showattr /proc/uptime\r');
    expect(t.output.replace(/\r\n/g, '\n')).toContain(
      '# showattr /proc/uptime\nAwh-ui- /proc/uptime\nroot@scivm-xm4:~# setattr --hide /proc/uptime\nroot@scivm-xm4:~# showattr /proc/uptime\nAwH-ui- /proc/uptime\n',
    );
    expectResult(await runInGuest(w, 42, 'cat /proc/uptime'), '', 'cat: /proc/uptime: No such file or directory\n', 1);
    expect(await ok(w, 'cat /proc/uptime')).toMatch(/^\d+\.\d\d \d+\.\d\d\n$/);
    await ok(w, "setattr '--!hide' /proc/uptime");
    expect(await ok(w, 'showattr /proc/uptime')).toBe('Awh-ui- /proc/uptime\n');
    expect((await runInGuest(w, 42, 'cat /proc/uptime')).status).toBe(0);
  });

  it('shows what the kernel reports: barrier only on directories, /proc bits only on /proc entries', async () => {
    expect(await ok(w, 'showattr -d /etc /vservers /etc/passwd /proc/net /proc/1 /proc/cmdline /proc/virtual')).toBe(
      '---bui- /etc\n---Bui- /vservers\n----ui- /etc/passwd\nAwhbui- /proc/net\n---bui- /proc/1\nAwH-ui- /proc/cmdline\nAwHbui- /proc/virtual\n',
    );
  });

  it('lists a directory: itself first, entries in readdir order, dot files with -a, the name as given', async () => {
    await ok(w, 'mkdir -p /tmp/sa/sub && cd /tmp/sa && touch a b .h sub/c');
    expect(await ok(w, 'showattr /tmp/sa')).toBe('---bui- /tmp/sa\n---bui- /tmp/sa/sub\n----ui- /tmp/sa/a\n----ui- /tmp/sa/b\n');
    expect(await ok(w, 'showattr -a /tmp/sa/')).toBe('---bui- /tmp/sa/\n---bui- /tmp/sa/sub\n----ui- /tmp/sa/a\n----ui- /tmp/sa/b\n----ui- /tmp/sa/.h\n');
    expect((await w.run('showattr', { cwd: '/tmp/sa' })).stdout).toBe('---bui- .\n---bui- ./sub\n----ui- ./a\n----ui- ./b\n');
    expect(await ok(w, 'showattr -d /tmp/sa')).toBe('---bui- /tmp/sa\n');
  });

  it('-R handles the files of a directory before its subdirectories; -x stays on one filesystem', async () => {
    expect(await ok(w, 'showattr -R /tmp/sa')).toBe('---bui- /tmp/sa\n----ui- /tmp/sa/a\n----ui- /tmp/sa/b\n---bui- /tmp/sa/sub\n----ui- /tmp/sa/sub/c\n');
    await ok(w, 'mkdir -p /tmp/sx/m && touch /tmp/sx/f && mount -t tmpfs none /tmp/sx/m && touch /tmp/sx/m/inner');
    expect(await ok(w, 'showattr -R /tmp/sx')).toBe('---bui- /tmp/sx\n----ui- /tmp/sx/f\n---bui- /tmp/sx/m\n----ui- /tmp/sx/m/inner\n');
    expect(await ok(w, 'showattr -R -x /tmp/sx')).toBe('---bui- /tmp/sx\n----ui- /tmp/sx/f\n');
    // Without -R, -x changes nothing: the mount point is an entry like any other.
    expect(await ok(w, 'showattr -x /tmp/sx')).toBe('---bui- /tmp/sx\n---bui- /tmp/sx/m\n----ui- /tmp/sx/f\n');
  });

  it('reports a missing file with lstat() and goes on; exit 1', async () => {
    expectResult(await w.run('showattr /nonexistent /etc/passwd'), '----ui- /etc/passwd\n', 'lstat(): No such file or directory\n', 1);
  });

  it('in a guest vc_get_iattr is refused: ERR (with the old NUL byte) and exit 1', async () => {
    expectResult(await runInGuest(w, 42, 'showattr /etc/passwd'), 'ERR   \0 /etc/passwd\n', 'vc_get_iattr(): Operation not permitted\n', 1);
  });

  it('a directory it cannot enter ends the program (Echdir)', async () => {
    expectResult(await runInGuest(w, 42, 'showattr /vservers /etc/passwd'), '', 'chdir(): Permission denied\n', 1);
  });

  it('usage errors, --help and --version', async () => {
    expectResult(await w.run('showattr -z'), '', `showattr: invalid option -- z\n${SHOWATTR_HINT}`, 1);
    expectResult(await w.run('showattr --bogus'), '', `showattr: unrecognized option \`--bogus'\n${SHOWATTR_HINT}`, 1);
    expectResult(
      await w.run('showattr --help'),
      "Usage:  showattr [-Radx] [--] <file>*\n\n Options:\n   -R  ...  recurse through directories\n   -a  ...  display files starting with '.' also\n   -d  ...  list directories like other files instead of listing\n            their content\n   -x  ...  do not cross filesystems\n\nPlease report bugs to vserver@list.linux-vserver.org\n",
      '',
      0,
    );
    expect((await ok(w, '/usr/sbin/showattr --version')).split('\n').slice(0, 2)).toEqual(['showattr 0.30.210 -- shows vserver specific file attributes', 'This program is part of util-vserver 0.30.210']);
  });
});

describe('setattr', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
  }, 60_000);

  it('sets and clears each attribute; other bits stay', async () => {
    await ok(w, 'mkdir /tmp/d && touch /tmp/f');
    const attrs = (p: string) => ok(w, `showattr -d ${p}`);
    await ok(w, 'setattr --barrier /tmp/d');
    expect(await attrs('/tmp/d')).toBe('---Bui- /tmp/d\n');
    await ok(w, "setattr --~barrier /tmp/d");
    expect(await attrs('/tmp/d')).toBe('---bui- /tmp/d\n');
    await ok(w, 'setattr --iunlink /tmp/f');
    expect(await attrs('/tmp/f')).toBe('----UI- /tmp/f\n');
    await ok(w, "setattr --~immutable /tmp/f");
    expect(await attrs('/tmp/f')).toBe('----Ui- /tmp/f\n');
    await ok(w, "setattr --immutable --~ixunlink /tmp/f");
    expect(await attrs('/tmp/f')).toBe('----uI- /tmp/f\n');
    await ok(w, "setattr '--!immu' /tmp/f && setattr --iunlink-but-not-immutable /tmp/f");
    expect(await attrs('/tmp/f')).toBe('----Ui- /tmp/f\n');
    await ok(w, 'setattr --flags 0x10000 /tmp/d');
    expect(await attrs('/tmp/d')).toBe('---Bui- /tmp/d\n');
    await ok(w, 'setattr --~flags 65536 /tmp/d');
    expect(await attrs('/tmp/d')).toBe('---bui- /tmp/d\n');
    // Barrier on a file is ignored by the kernel, silently.
    await ok(w, 'setattr --barrier /tmp/f');
    expect(await attrs('/tmp/f')).toBe('----Ui- /tmp/f\n');
    // A clear form wins over the same set form.
    await ok(w, "setattr --barrier --~barrier /tmp/d");
    expect(await attrs('/tmp/d')).toBe('---bui- /tmp/d\n');
  });

  it('the attributes do what they say: immutable refuses changes, iunlink lets it be removed', async () => {
    await ok(w, 'echo data > /tmp/imm && setattr --immutable /tmp/imm');
    expectResult(await w.run('echo more >> /tmp/imm'), '', 'bash: /tmp/imm: Operation not permitted\n', 1);
    expectResult(await w.run('rm -f /tmp/imm'), '', "rm: cannot remove `/tmp/imm': Operation not permitted\n", 1);
    await ok(w, 'setattr --iunlink /tmp/imm && rm -f /tmp/imm');
    expect((await w.run('test -e /tmp/imm')).status).toBe(1);
  });

  it('-R changes a directory and everything below it, dot files included; without -R only the directory', async () => {
    await ok(w, 'mkdir -p /tmp/r/s && touch /tmp/r/.dot /tmp/r/s/x');
    await ok(w, 'setattr --iunlink /tmp/r');
    expect(await ok(w, 'showattr -R -a /tmp/r')).toBe('---bUI- /tmp/r\n----ui- /tmp/r/.dot\n---bui- /tmp/r/s\n----ui- /tmp/r/s/x\n');
    await ok(w, 'setattr -R --iunlink-but-not-immutable /tmp/r');
    expect(await ok(w, 'showattr -R -a /tmp/r')).toBe('---bUI- /tmp/r\n----Ui- /tmp/r/.dot\n---bUi- /tmp/r/s\n----Ui- /tmp/r/s/x\n');
  });

  it('the kernel refuses /proc bits elsewhere, write/cow on this kernel, and everything in a guest', async () => {
    expectResult(await w.run('setattr --hide /etc/passwd'), '', '/etc/passwd: Invalid argument\n', 1);
    expectResult(await w.run('setattr --write /proc/uptime'), '', '/proc/uptime: Invalid argument\n', 1);
    expectResult(await runInGuest(w, 42, 'setattr --hide /proc/uptime'), '', '/proc/uptime: Operation not permitted\n', 1);
    expectResult(await w.run('setattr --hide /nonexistent'), '', 'lstat(): No such file or directory\n', 1);
    expect(await ok(w, 'showattr /proc/uptime')).toBe('Awh-ui- /proc/uptime\n');
  });

  it('usage errors, --help and --version', async () => {
    const hint = `Try 'setattr --help" for more information.\n`;
    expectResult(await w.run('setattr'), '', "No filename given; use '--help' for more information\n", 1);
    expectResult(await w.run('setattr --hide'), '', "No filename given; use '--help' for more information\n", 1);
    expectResult(await w.run('setattr --flags 0x1z /tmp/f'), '', "Invalid flags argument: '0x1z'; try '--help' for more information\n", 1);
    expectResult(await w.run('setattr --flags'), '', `setattr: option \`--flags' requires an argument\n${hint}`, 1);
    expectResult(await w.run('setattr --bogus /tmp/f'), '', `setattr: unrecognized option \`--bogus'\n${hint}`, 1);
    expectResult(await w.run('setattr --i /tmp/f'), '', `setattr: option \`--i' is ambiguous\n${hint}`, 1);
    expectResult(await w.run('setattr -a /tmp/f'), '', `setattr: invalid option -- a\n${hint}`, 1);
    // A unique prefix is the option.
    await ok(w, 'setattr --barr /tmp/d && showattr -d /tmp/d | grep -q B && setattr --~barr /tmp/d');
    expect(await ok(w, 'setattr --help')).toBe(
      'Usage:  setattr [-Rx] [--[~](iunlink|admin|watch|hide|barrier|iunlink-but-not-immutable|immutable|write|cow|ixunlink)]* [--] <file>+\n\n Options:\n   -R  ...  recurse through directories\n   -x  ...  do not cross filesystems\n\nPlease report bugs to vserver@list.linux-vserver.org\n',
    );
    expect((await ok(w, 'setattr --version')).split('\n')[0]).toBe('setattr 0.30.210 -- sets vserver specific file attributes');
  });
});

describe('lsxid and chxid', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
    mountTaggingFilesystem(w, '/srv/tagged');
    await ok(w, 'mkdir -p /srv/tagged/d && touch /srv/tagged/f /srv/tagged/d/g /srv/tagged/.h');
  }, 60_000);

  const field = (value: string) => value.padStart(20);

  it('shows the tag of files on a tagging filesystem, !!ERR!! elsewhere', async () => {
    expect(await ok(w, 'lsxid /srv/tagged')).toBe(`${field('0')}  /srv/tagged\n${field('0')}  /srv/tagged/lost+found\n${field('0')}  /srv/tagged/d\n${field('0')}  /srv/tagged/f\n`);
    expectResult(await w.run('lsxid /etc/passwd'), `${'!!ERR!!'.padEnd(20)}  /etc/passwd\n`, '', 1);
    expectResult(await runInGuest(w, 42, 'lsxid /srv/tagged/f'), `${'!!ERR!!'.padEnd(20)}  /srv/tagged/f\n`, 'vc_get_iattr(): Operation not permitted\n', 1);
  });

  it('files a guest creates carry its context; chxid changes the tag (and what the guest may use)', async () => {
    await runInGuest(w, 42, 'echo mine > /srv/tagged/g42');
    expect(await ok(w, 'lsxid -n /srv/tagged/g42')).toBe(`${field('42')}  /srv/tagged/g42\n`);
    await ok(w, 'chxid -c 43 /srv/tagged/g42');
    expect(await ok(w, 'lsxid -d -n /srv/tagged/g42')).toBe(`${field('43')}  /srv/tagged/g42\n`);
    expectResult(await runInGuest(w, 42, 'cat /srv/tagged/g42'), '', 'cat: /srv/tagged/g42: Permission denied\n', 1);
    await ok(w, 'chxid -c 42 /srv/tagged/g42');
    expectResult(await runInGuest(w, 42, 'cat /srv/tagged/g42'), 'mine\n', '', 0);
    // Only the host may change tags.
    expectResult(await runInGuest(w, 42, 'chxid -c 0 /srv/tagged/g42'), '', '/srv/tagged/g42: Operation not permitted\n', 1);
  });

  it('-R tags a tree, dot files included; without -R only the directory; -U skips unified files', async () => {
    await ok(w, 'chxid -c 7 /srv/tagged/d');
    expect(await ok(w, 'lsxid -n -R /srv/tagged/d')).toBe(`${field('7')}  /srv/tagged/d\n${field('0')}  /srv/tagged/d/g\n`);
    await ok(w, 'setattr --iunlink /srv/tagged/d/g && chxid -R -U -c 8 /srv/tagged');
    expect(await ok(w, 'lsxid -R -a -n /srv/tagged')).toBe(
      [
        [8, '/srv/tagged'],
        [8, '/srv/tagged/f'],
        [8, '/srv/tagged/.h'],
        [8, '/srv/tagged/g42'],
        [8, '/srv/tagged/lost+found'],
        [8, '/srv/tagged/d'],
        [0, '/srv/tagged/d/g'],
      ]
        .map(([x, p]) => `${field(String(x))}  ${p}\n`)
        .join(''),
    );
  });

  it('names: a running vserver by its configuration name, a stopped one by its static context', async () => {
    // A process that keeps context 44 alive, named as `vserver web start` names it.
    // (It waits on a pipe nobody writes to: the tests' settle() runs the clock past any sleep.)
    w.machine.initProcess.fork(async (p) => {
      p.vx.newSContext(44, REMOVE_CAPS, 0n);
      const [reader] = p.pipe();
      await p.read(reader);
      return 0;
    });
    await w.settle();
    w.machine.initProcess.vx.setName(44, 'CONTEXT', '/etc/vservers/web');
    await ok(w, 'mkdir -p /etc/vservers/web && echo 44 > /etc/vservers/web/context && chxid -c 44 /srv/tagged/f');
    expect(await ok(w, 'lsxid -d /srv/tagged/f')).toBe(`${field('web')}  /srv/tagged/f\n`);
    expect(await ok(w, 'lsxid -d -n /srv/tagged/f')).toBe(`${field('44')}  /srv/tagged/f\n`);
    await ok(w, 'mkdir -p /etc/vservers/db && echo 40001 > /etc/vservers/db/context && chxid -c db /srv/tagged/f');
    expect(await ok(w, 'lsxid -d /srv/tagged/f')).toBe(`${field('40001')}  /srv/tagged/f\n`);
  });

  it('chxid errors: no tagging (EINVAL), unknown name, usage', async () => {
    const hint = `Try 'chxid --help" for more information.\n`;
    expectResult(await w.run('chxid -c 42 /etc/passwd'), '', '/etc/passwd: Invalid argument\n', 1);
    expectResult(await w.run('chxid -c nosuch /srv/tagged/f'), '', '/srv/tagged/f: Invalid argument\n', 1);
    expectResult(await w.run('chxid /srv/tagged/f'), '', "No context given; use '--help' for more information\n", 1);
    expectResult(await w.run('chxid -c 42'), '', "No filename given; use '--help' for more information\n", 1);
    expectResult(await w.run('chxid'), '', "No filename given; use '--help' for more information\n", 1);
    expectResult(await w.run('chxid -c'), '', `chxid: option requires an argument -- c\n${hint}`, 1);
    expectResult(await w.run('chxid -n -c 1 /x'), '', `chxid: invalid option -- n\n${hint}`, 1);
    expect((await ok(w, 'chxid --help')).split('\n')[0]).toBe('Usage:  chxid -c <ctx|vserver> [-RxU] [--] <file>+');
    expect((await ok(w, 'chxid --version')).split('\n')[0]).toBe('chxid 0.30.210 -- assigns a context to a file');
  });

  it('lsxid usage errors, --help and --version', async () => {
    const hint = `Try 'lsxid --help" for more information.\n`;
    expectResult(await w.run('lsxid -c 1'), '', `lsxid: invalid option -- c\n${hint}`, 1);
    expect((await ok(w, 'lsxid --help')).split('\n').slice(0, 8)).toEqual([
      'Usage:  lsxid [-Radnx] [--] <file>*',
      '',
      ' Options:',
      '   -R  ...  recurse through directories',
      "   -a  ...  display files starting with '.' also",
      '   -d  ...  list directories like other files instead of',
      '            listing their content',
      '   -n  ...  do not try to do xid -> vserver-name mapping',
    ]);
    expect((await ok(w, 'lsxid --version')).split('\n')[0]).toBe('lsxid 0.30.210 -- shows the context which is associated to a file');
  });
});

describe('vprocunhide', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
  }, 60_000);

  it('has run at boot: the listed entries are visible to guests, the others stay hidden', async () => {
    expect(await ok(w, 'showattr -d /proc/uptime /proc/cmdline /proc/mounts /proc/virtual /proc/cpuinfo')).toBe(
      'Awh-ui- /proc/uptime\nAwH-ui- /proc/cmdline\nAwH-ui- /proc/mounts\nAwHbui- /proc/virtual\nAwh-ui- /proc/cpuinfo\n',
    );
    expect(await ok(w, 'showattr -R /proc/net')).toBe('Awhbui- /proc/net\nAwh-ui- /proc/net/dev\nAwh-ui- /proc/net/route\nAwh-ui- /proc/net/arp\n');
    expect(await ok(w, 'grep uptime /usr/local/lib/util-vserver/defaults/vprocunhide-files')).toBe('/proc/uptime\n');
    const guest = await runInGuest(w, 42, 'cat /proc/loadavg >/dev/null && echo loadavg; cat /proc/cmdline; ls /proc/virtual');
    expect(guest.stdout).toBe('loadavg\n');
    expect(guest.stderr).toBe('cat: /proc/cmdline: No such file or directory\nls: /proc/virtual: No such file or directory\n');
  });

  it('puts back what setattr changed; exit 0', async () => {
    await ok(w, 'setattr --hide /proc/uptime /proc/meminfo');
    expectResult(await w.run('vprocunhide'), '', '', 0);
    expect(await ok(w, 'showattr /proc/uptime /proc/meminfo')).toBe('Awh-ui- /proc/uptime\nAwh-ui- /proc/meminfo\n');
    // An empty first argument ends the option loop at once.
    expectResult(await w.run('vprocunhide ""'), '', '', 0);
  });

  it("reads the administrator's list first: prefixes, globs, missing paths; exit 2 when some lines fail", async () => {
    await ok(w, 'setattr --hide /proc/cpuinfo');
    await ok(w, 'mkdir -p /etc/vservers/.defaults/apps/vprocunhide');
    await ok(
      w,
      `printf '# mine\\n!/proc/loadavg\\n:/proc/version\\n~/proc/stat\\n+/proc/cmdline\\n  /proc/*info  \\n/proc/nonexistent\\n-/proc/net/\\n>/proc/swaps\\n/proc/devices' > /etc/vservers/.defaults/apps/vprocunhide/files`,
    );
    expectResult(await w.run('vprocunhide'), '', '/proc/swaps: Invalid argument\n', 2);
    expect(await ok(w, 'showattr /proc/loadavg /proc/version /proc/stat /proc/cmdline /proc/cpuinfo /proc/meminfo /proc/devices /proc/net/arp')).toBe(
      // the last line has no newline: `read` never hands it to the loop
      'AwH-ui- /proc/loadavg\nAWH-ui- /proc/version\nAWH-ui- /proc/stat\nAwh-ui- /proc/cmdline\nAwh-ui- /proc/cpuinfo\nAwh-ui- /proc/meminfo\nAwh-ui- /proc/devices\nAwH-ui- /proc/net/arp\n',
    );
    await ok(w, "printf '>/proc/swaps\\n>/proc/stat\\n' > /etc/vservers/.defaults/apps/vprocunhide/files");
    expectResult(await w.run('vprocunhide'), '', '/proc/swaps: Invalid argument\n/proc/stat: Invalid argument\n', 3);
    await ok(w, 'rm -rf /etc/vservers/.defaults/apps && vprocunhide');
    expect(await ok(w, 'showattr /proc/loadavg /proc/cmdline /proc/net/arp')).toBe('Awh-ui- /proc/loadavg\nAwH-ui- /proc/cmdline\nAwh-ui- /proc/net/arp\n');
  });

  it('without any list: configuration error, exit 1', async () => {
    await ok(w, 'mv /usr/local/lib/util-vserver/defaults/vprocunhide-files /tmp/list');
    expectResult(await w.run('vprocunhide'), '', "Can not find file for 'UNHIDEFILE'; aborting\n", 1);
    await ok(w, 'mv /tmp/list /usr/local/lib/util-vserver/defaults/vprocunhide-files');
  });

  it('--help and --version; any other argument spins in the option loop until interrupted', async () => {
    expect(await ok(w, 'vprocunhide --help')).toBe(
      'Usage: vprocunhide\n\nReturn values:\n    0  ...  no errors\n    1  ...  configuration error\n    2  ...  some files were changed but errors occured on other ones\n    3  ...  operation failed on every file\n\nReport bugs to <vserver@list.linux-vserver.org>.\n',
    );
    expect((await ok(w, 'vprocunhide --version')).split('\n')[0]).toBe('vprocunhide 0.30.210 -- unhides /proc entries');
    const t = await w.terminal();
    await t.type('vprocunhide -x\r');
    t.take();
    // Still running: what is typed is only echoed, no prompt comes back.
    await t.type('echo still\r');
    expect(t.take()).toBe('echo still\r\n');
    await t.type('\x03');
    await t.type('echo $?\r');
    expect(t.take().replace(/\r\n/g, '\n')).toMatch(/\n130\n/);
  });

  it('the init script: start, status, stop, runlevels', async () => {
    expectResult(await w.run('service vprocunhide status'), '/proc entries were fixed\n', '', 0);
    expectResult(await w.run('/etc/init.d/vprocunhide stop; /etc/init.d/vprocunhide status'), '/proc entries are not fixed\n', '', 1);
    const start = await w.run('setattr --hide /proc/uptime && /etc/init.d/vprocunhide start');
    expect(start.stdout).toMatch(/^Fixing \/proc entries visibility\.\.\..*\[.*  OK  .*\]\r?\n$/s);
    expect(start.status).toBe(0);
    expect(await ok(w, 'showattr /proc/uptime; service vprocunhide status')).toBe('Awh-ui- /proc/uptime\n/proc entries were fixed\n');
    expectResult(await w.run('/etc/init.d/vprocunhide bogus'), 'Usage: /etc/init.d/vprocunhide {start|stop|reload|restart|condrestart|status}\n', '', 2);
    expect(await ok(w, 'chkconfig --list vprocunhide')).toBe('vprocunhide    \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n');
  });
});

describe('vdlimit and vdu', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
    mountTaggingFilesystem(w, '/vservers/data');
    // A small guest tree: the programs the guest runs (host files, tag 0) and /dev/zero.
    await ok(w, 'cd /vservers/data && mkdir bin dev && cp /bin/bash /bin/mkdir /bin/dd /bin/df /bin/touch /bin/ln /bin/rm /usr/bin/tail bin/ && mknod dev/zero c 1 5');
  }, 60_000);

  it('a guest over its limit gets ENOSPC, and df inside it shows the limited totals', async () => {
    expectResult(await w.run('vdlimit --xid 42 /vservers/data'), '', 'vdlimit: vc_get_dlimit(): No such process\n', 1);
    await ok(w, 'vdlimit --xid 42 --set space_total=200 --set inodes_total=5 --set reserved=5 /vservers/data');
    expect(await ok(w, 'vdlimit --xid 42 /vservers/data')).toBe('42 /vservers/data\nspace_used=0\nspace_total=200\ninodes_used=0\ninodes_total=5\nreserved=5\n');
    const guest = await runInGuest(w, 42, 'mkdir /g && dd if=/dev/zero of=/g/big bs=1k count=500; df /; df -i /; touch /g/1 /g/2 /g/3 /g/4', { root: '/vservers/data' });
    expect(guest.stdout).toBe(
      'Filesystem           1K-blocks      Used Available Use% Mounted on\n/dev/sdb1                  200       200         0 100% /\n' +
        'Filesystem            Inodes   IUsed   IFree IUse% Mounted on\n/dev/sdb1                  5       2       3   40% /\n',
    );
    expect(guest.stderr).toBe("dd: writing `/g/big': No space left on device\n200+0 records in\n199+0 records out\ntouch: cannot touch `/g/4': No space left on device\n");
    expect(await ok(w, 'vdlimit --xid 42 /vservers/data')).toBe('42 /vservers/data\nspace_used=200\nspace_total=200\ninodes_used=5\ninodes_total=5\nreserved=5\n');
    // The host is not limited, and sees the real totals.
    expect(await ok(w, 'df /vservers/data')).toMatch(/^Filesystem .*\n\/dev\/sdb1 +8192 +\d+ +\d+ +\d+% \/vservers\/data\n$/);
    // Raising the limit lets the guest go on.
    await ok(w, 'vdlimit --xid 42 --set space_total=1000 --set inodes_total=-1 /vservers/data');
    expectResult(await runInGuest(w, 42, 'touch /g/4 && df / | tail -1', { root: '/vservers/data' }), '/dev/sdb1                 1000       200       750  22% /\n', '', 0);
    expect(await ok(w, 'vdlimit --xid 42 /vservers/data')).toBe('42 /vservers/data\nspace_used=200\nspace_total=1000\ninodes_used=6\ninodes_total=-1\nreserved=5\n');
  });

  it('vdu counts the files of one context, hard links once', async () => {
    await runInGuest(w, 42, 'ln /g/1 /g/link1 && mkdir /g/sub && echo x > /g/sub/y', { root: '/vservers/data' });
    expect(await ok(w, 'vdu --xid 42 --space --inodes /vservers/data')).toBe('/vservers/data 202 8\n');
    expect(await ok(w, 'vdu --xid 42 --inodes --script /vservers/data /vservers/data/g/sub')).toBe('8\n2\n');
    expect(await ok(w, 'vdu --xid 42 --space --blocksize 512 /vservers/data/g/sub')).toBe('/vservers/data/g/sub 4\n');
    // The host's files: the root, lost+found, bin and dev with what was copied there.
    expect(await ok(w, 'vdu --xid 0 --inodes /vservers/data')).toBe('/vservers/data 13\n');
    // A filesystem without tags counts nothing, and another device below is not walked: only
    // the root of /vservers/data (the entry seen in /vservers) is counted.
    expect(await ok(w, 'vdu --xid 0 --inodes /vservers')).toBe('/vservers 1\n');
  });

  it('vdlimit --remove, and the kernel refusing values, guests and missing entries', async () => {
    expectResult(await w.run('vdlimit --xid 42 --set reserved=101 /vservers/data'), '', 'vdlimit: vc_set_dlimit(): Invalid argument\n', 1);
    // a failed set on a new entry removes the entry again
    expectResult(await w.run('vdlimit --xid 50 --set reserved=101 /vservers/data'), '', 'vdlimit: vc_set_dlimit(): Invalid argument\n', 1);
    expectResult(await w.run('vdlimit --xid 50 /vservers/data'), '', 'vdlimit: vc_get_dlimit(): No such process\n', 1);
    // The kernel compares only values given together: a used value alone may exceed the total.
    await ok(w, 'vdlimit --xid 42 --set space_used=2000 /vservers/data');
    expectResult(
      await runInGuest(w, 42, 'dd if=/dev/zero of=/g/new bs=1k count=1; rm -f /g/new', { root: '/vservers/data' }),
      '',
      "dd: writing `/g/new': No space left on device\n1+0 records in\n0+0 records out\n",
      0,
    );
    await ok(w, 'vdlimit --xid 42 --set space_used=202 /vservers/data');
    expectResult(await runInGuest(w, 42, 'vdlimit --xid 42 --set space_total=100000 /'), '', 'vdlimit: vc_add_dlimit(): Operation not permitted\n', 1);
    expectResult(await runInGuest(w, 42, 'vdlimit --xid 42 /'), '', 'vdlimit: vc_get_dlimit(): Operation not permitted\n', 1);
    expectResult(await w.run('vdlimit --xid 42 /nonexistent'), '', 'vdlimit: vc_get_dlimit(): No such file or directory\n', 1);
    await ok(w, 'vdlimit --xid 42 --remove /vservers/data');
    expectResult(await w.run('vdlimit --xid 42 --remove /vservers/data'), '', 'vdlimit: vc_rem_dlimit(): No such process\n', 1);
    expectResult(await runInGuest(w, 42, 'df / | tail -1', { root: '/vservers/data' }), expect.stringMatching(/^\/dev\/sdb1 +8192 /) as unknown as string, '', 0);
  });

  it('vdlimit usage errors, --help and --version', async () => {
    const d = '/vservers/data';
    expectResult(await w.run(`vdlimit --xid 42 --set bogus=1 ${d}`), '', "vdlimit: unknown limit in 'bogus=1'\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 --set space_total=1 --set space_total=2 ${d}`), '', "vdlimit: value already set in 'space_total=2'\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 --set space_total=12k ${d}`), '', "vdlimit: can not parse number in 'space_total=12k'\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 --set space_total= ${d}`), '', "vdlimit: can not parse number in 'space_total='\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 --set space_used=300 --set space_total=200 ${d}`), '', "invalid parameters: 'space_used' is larger than 'space_total'\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 -s inodes_used=-1 -s inodes_total=10 ${d}`), '', "invalid parameters: 'inodes_used' is larger than 'inodes_total'\n", 1);
    expectResult(await w.run('vdlimit --xid 42'), '', "No mount point specified; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdlimit ${d}`), '', "No xid specified; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdlimit --xid -1 ${d}`), '', "No xid specified; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdlimit --xid 42 --set reserved=1 --remove ${d}`), '', "Can not specify multiple operations; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdlimit --xid nosuch ${d}`), '', 'vdlimit: vc_xidopt2xid("nosuch"): No such process\n', 1);
    expectResult(await w.run(`vdlimit --xid 42 --flags zz ${d}`), '', "Invalid flags argument: 'zz'; try '--help' for more information\n", 1);
    expectResult(await w.run('vdlimit -z'), '', "vdlimit: invalid option -- z\nTry 'vdlimit --help' for more information.\n", 1);
    expectResult(await w.run('vdlimit --xid'), '', "vdlimit: option `--xid' requires an argument\nTry 'vdlimit --help' for more information.\n", 1);
    expect(await ok(w, 'vdlimit --help')).toBe(
      'Usage: vdlimit --xid <xid> [--flags <flags>] (--set <limit>=<value>|--remove) <mount point>\n\n' +
        '    --set|-s <limit>=<value>  ...  set <limit> to <value>, where limit is \n' +
        '                           one of: space_used, space_total, inodes_used,\n' +
        '                           inodes_total, reserved\n' +
        '    --remove|-d       ...  removes the disk limit for <xid> from <mount point>\n\n' +
        'Please report bugs to vserver@list.linux-vserver.org\n',
    );
    expect((await ok(w, 'vdlimit --version')).split('\n')[0]).toBe('vdlimit 0.30.210 -- manages disk limits');
  });

  it('vdu usage errors, --help and --version', async () => {
    const d = '/vservers/data';
    expectResult(await w.run(`vdu --space ${d}`), '', "No xid specified; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdu --xid 42 ${d}`), '', "Must specify --space or --inodes; try '--help' for more information\n", 1);
    expectResult(await w.run('vdu --xid 42 --inodes'), '', "No directory specified; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdu --xid 42 --space --blocksize 1x ${d}`), '', "Invalid block size argument: '1x'; try '--help' for more information\n", 1);
    expectResult(await w.run(`vdu --xid nosuch --space ${d}`), '', 'vdu: vc_xidopt2xid("nosuch"): No such process\n', 1);
    expectResult(await w.run('vdu --bogus'), '', "vdu: unrecognized option `--bogus'\nTry 'vdu --help' for more information.\n", 255);
    expectResult(await w.run('vdu --xid 42 --space /nonexistent'), '', 'vdu: stat(): No such file or directory\n', 1);
    expectResult(await w.run('vdu --xid 42 --space /etc/passwd'), '', 'vdu: chdir(): Not a directory\n', 1);
    expect(await ok(w, `vdu --xid 42 --space --blocksize 1K ${d}`)).toBe(`${d} 202\n`);
    // Division by zero: the real vdu dies of SIGFPE after printing the directory's name.
    const fpe = await w.run(`vdu --xid 42 --space --blocksize 0 ${d}`);
    expect([fpe.stdout, fpe.status]).toEqual([`${d} `, 136]);
    expect(fpe.stderr).toContain('Floating point exception');
    expect(await ok(w, 'vdu --help')).toBe(
      'Usage:\n    vdu --xid <xid> (--space|--inodes) [--blocksize <blocksize>] [--script] <directory>*\n\nPlease report bugs to vserver@list.linux-vserver.org\n',
    );
    expect((await ok(w, 'vdu --version')).split('\n')[0]).toBe('vdu 0.30.210 -- calculates the size of a directory');
  });
});

describe('the kernel calls behind vc_get_iattr and the disk limits (FsCalls)', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
    mountTaggingFilesystem(w, '/srv/t');
  }, 60_000);

  /** Run `body` in a forked process set up by `setup`, and give each call's errno (or 'ok'). */
  async function calls(setup: (p: Process) => void, body: (fs: FsCalls) => Array<() => unknown>): Promise<string[]> {
    let result: string[] = [];
    const pid = w.machine.initProcess.fork(async (p) => {
      setup(p);
      result = body(p.fs).map((call) => {
        try {
          call();
          return 'ok';
        } catch (e) {
          return e instanceof SyscallError ? e.code : String(e);
        }
      });
      return 0;
    });
    await w.machine.whenExits(pid).then(() => undefined, () => undefined);
    await w.settle();
    return result;
  }
  const capsWithout = (p: Process, ...names: CapabilityName[]) => {
    p.task.cred.caps &= ~names.reduce((set, n) => set | capabilityBit(n), 0n);
  };

  it('host root: add, EEXIST, set, ESRCH without an entry, EINVAL for values the kernel refuses', async () => {
    expect(
      await calls(
        () => {},
        (fs) => [
          () => fs.addDiskLimit('/srv/t', 9),
          () => fs.addDiskLimit('/srv/t', 9),
          () => fs.setDiskLimit('/srv/t', 9, { spaceTotal: 10, spaceUsed: 11 }),
          () => fs.setDiskLimit('/srv/t', 9, { inodesTotal: 1, inodesUsed: -1 }),
          () => fs.setDiskLimit('/srv/t', 9, { reserved: 101 }),
          () => fs.setDiskLimit('/srv/t', 9, { spaceTotal: 10, spaceUsed: 10, reserved: 100 }),
          () => expect(fs.getDiskLimit('/srv/t/lost+found', 9)).toEqual({ spaceUsed: 10, spaceTotal: 10, inodesUsed: 0, inodesTotal: -1, reserved: 100 }),
          () => fs.setDiskLimit('/srv/t', 10, {}),
          () => fs.removeDiskLimit('/srv/t', 9),
          () => fs.removeDiskLimit('/srv/t', 9),
          () => fs.getDiskLimit('/nonexistent', 9),
        ],
      ),
    ).toEqual(['ok', 'EEXIST', 'EINVAL', 'EINVAL', 'EINVAL', 'ok', 'ok', 'ESRCH', 'ok', 'ESRCH', 'ENOENT']);
  });

  it('reading needs CAP_SYS_ADMIN; changing also CAP_SYS_RESOURCE and the host context', async () => {
    const all = (fs: FsCalls) => [() => fs.getIattr('/etc/passwd'), () => fs.getDiskLimit('/srv/t', 9), () => fs.addDiskLimit('/srv/t', 9), () => fs.removeDiskLimit('/srv/t', 9)];
    expect(await calls((p) => capsWithout(p, 'SYS_ADMIN'), all)).toEqual(['EPERM', 'EPERM', 'EPERM', 'EPERM']);
    expect(await calls((p) => capsWithout(p, 'SYS_RESOURCE'), all)).toEqual(['ok', 'ESRCH', 'EPERM', 'EPERM']);
    // A guest that kept every capability still may not change limits.
    expect(await calls((p) => p.vx.newSContext(45, 0n, 0n), all)).toEqual(['ok', 'ESRCH', 'EPERM', 'EPERM']);
  });
});

describe('chroot-escape', () => {
  let w: TestWorld;
  beforeAll(async () => {
    w = await bootHost();
    await ok(w, 'mkdir -p /tmp/jail/bin /vservers/jail/bin');
    await ok(w, 'cp /bin/bash /bin/cat /usr/local/sbin/chroot-escape /tmp/jail/bin/ && cp /bin/bash /bin/cat /usr/local/sbin/chroot-escape /vservers/jail/bin/');
  }, 60_000);

  const escaped = (steps: number, command: string) =>
    'chroot-escape: chroot(".chroot-escape") without chdir(): the working directory is now outside the root\n' +
    `chroot-escape: ${steps} x chdir("..") reached the real root; chroot(".") there: escaped\n` +
    `chroot-escape: running ${command}\n`;

  it('escapes from a plain chroot under /tmp and runs the command with the real root', async () => {
    const r = await w.run('chroot /tmp/jail /bin/chroot-escape cat /etc/hostname');
    expectResult(r, `${escaped(2, 'cat /etc/hostname')}scivm-xm4.unilim.fr\n`, '', 0);
    // The jail itself has no /etc: the file came from the host.
    expectResult(await w.run('chroot /tmp/jail /bin/cat /etc/hostname'), '', '/bin/cat: /etc/hostname: No such file or directory\n', 1);
    // A context alone does not help: a guest in a chroot outside any barrier gets out too.
    expectResult(await runInGuest(w, 42, 'chroot-escape cat /etc/hostname', { root: '/tmp/jail' }), `${escaped(2, 'cat /etc/hostname')}scivm-xm4.unilim.fr\n`, '', 0);
  });

  it('the barrier on /vservers stops a guest: EACCES, still inside, exit 1', async () => {
    const r = await runInGuest(w, 42, 'chroot-escape cat /etc/hostname; echo "status $?"; cat /etc/hostname', { root: '/vservers/jail' });
    expect(r.stdout).toBe('chroot-escape: chroot(".chroot-escape") without chdir(): the working directory is now outside the root\nstatus 1\n');
    expect(r.stderr).toBe(
      'chroot-escape: chdir(".."): Permission denied after 0 steps\n' +
        'chroot-escape: a directory above has the barrier attribute: the escape failed, still inside the jail\n' +
        'cat: /etc/hostname: No such file or directory\n',
    );
    // Contexts 0 and 1 are not stopped by the barrier: the host's root climbs through.
    expectResult(await w.run('chroot /vservers/jail /bin/chroot-escape cat /etc/hostname'), `${escaped(2, 'cat /etc/hostname')}scivm-xm4.unilim.fr\n`, '', 0);
    // Nor is the spectator.
    expectResult(await runInGuest(w, 1, 'chroot-escape cat /etc/hostname', { root: '/vservers/jail' }), `${escaped(2, 'cat /etc/hostname')}scivm-xm4.unilim.fr\n`, '', 0);
    // Without the barrier the guest gets out.
    await ok(w, "setattr --~barrier /vservers");
    expectResult(await runInGuest(w, 43, 'chroot-escape cat /etc/hostname', { root: '/vservers/jail' }), `${escaped(2, 'cat /etc/hostname')}scivm-xm4.unilim.fr\n`, '', 0);
    await ok(w, 'setattr --barrier /vservers');
  });

  it('errors: no CAP_SYS_CHROOT, a missing command, usage', async () => {
    expectResult(await runProcess(w, 'chroot-escape', { uid: 500 }), '', 'chroot-escape: chroot(".chroot-escape"): Operation not permitted\n', 1);
    expectResult(await w.run('chroot /tmp/jail /bin/chroot-escape nosuch'), escaped(2, 'nosuch'), 'chroot-escape: cannot run nosuch: No such file or directory\n', 127);
    expectResult(await w.run('chroot-escape -q'), '', "chroot-escape: invalid option -- q\nTry `chroot-escape --help' for more information.\n", 1);
    expect((await ok(w, 'chroot-escape --help')).split('\n')[0]).toBe('Usage: chroot-escape [COMMAND [ARG]...]');
  });
});
