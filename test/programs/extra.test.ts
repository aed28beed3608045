/**
 * The everyday tools of core/programs/extra in a booted seed host: diff and cmp, the module
 * tools, mke2fs and losetup, chattr/lsattr, sessions and accounts, gzip and friends, sha1sum,
 * file, dmesg, sysctl and shutdown — each with its exact output, and the refusals a
 * Linux-VServer guest gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityBit, type CapabilityName } from '../../core/kernel/capabilities.js';
import { captureFile, stringFile } from '../../core/kernel/memory-file.js';
import { bootTestWorld, type RunResult, type TestWorld } from '../support/world.js';

const RELEASE = '2.6.16.17-vs2.0.2-rc21';
const MODDIR = `/lib/modules/${RELEASE}`;

/** What a guest's bounding set lacks (vattribute --secure and the default guest). */
const GUEST_DROPPED: CapabilityName[] = ['SYS_ADMIN', 'MKNOD', 'LINUX_IMMUTABLE', 'NET_ADMIN', 'SYS_MODULE', 'SYS_TIME', 'SYS_RAWIO', 'SYS_RESOURCE'];

let w: TestWorld;

async function ok(command: string, stdin?: string): Promise<string> {
  const r = await w.run(command, { stdin });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Run a command as root of security context 42 (the capabilities a guest has). */
async function inGuest(command: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const pid = w.machine.initProcess.fork(async (p) => {
    for (const fd of [0, 1, 2]) if (p.isOpen(fd)) p.close(fd);
    p.install(stringFile(''));
    p.install(captureFile((d) => (stdout += d)));
    p.install(captureFile((d) => (stderr += d)));
    p.vx.newSContext(42, GUEST_DROPPED.reduce((m, n) => m | capabilityBit(n), 0n), 0n);
    p.fs.chdir('/root');
    return p.exec('/bin/bash', ['bash', '-c', command], { HOME: '/root', PATH: '/sbin:/bin:/usr/sbin:/usr/bin' });
  });
  let status: number | undefined;
  void w.machine.whenExits(pid).then((s) => (status = s));
  for (let i = 0; status === undefined && i < 1000; i++) await w.settle();
  return { stdout, stderr, status: status ?? -1 };
}

beforeAll(async () => {
  w = await bootTestWorld();
});

describe('diff and cmp (diffutils 2.8.1)', () => {
  beforeAll(async () => {
    await ok("cd /tmp && printf 'a\\nb\\nc\\nd\\n' > x && printf 'a\\nB\\nc\\nd\\ne\\n' > y && cp x x2");
  });
  it('normal output and exit 1, exit 0 for equal files', async () => {
    expect(await w.run('diff /tmp/x /tmp/y')).toEqual({ stdout: '2c2\n< b\n---\n> B\n4a5\n> e\n', stderr: '', status: 1 });
    expect(await w.run('diff /tmp/x /tmp/x2')).toEqual({ stdout: '', stderr: '', status: 0 });
  });
  it('-u and -c with the era time stamps', async () => {
    expect((await w.run('cd /tmp && diff -u x y')).stdout).toBe(
      '--- x\t2006-05-30 09:00:00.000000000 +0200\n+++ y\t2006-05-30 09:00:00.000000000 +0200\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n',
    );
    expect((await w.run('cd /tmp && diff -c x y')).stdout).toBe(
      '*** x\tTue May 30 09:00:00 2006\n--- y\tTue May 30 09:00:00 2006\n***************\n*** 1,4 ****\n  a\n! b\n  c\n  d\n--- 1,5 ----\n  a\n! B\n  c\n  d\n+ e\n',
    );
  });
  it('-q, a missing file (exit 2), binary files, usage errors', async () => {
    expect(await w.run('diff -q /tmp/x /tmp/y')).toEqual({ stdout: 'Files /tmp/x and /tmp/y differ\n', stderr: '', status: 1 });
    expect(await w.run('diff /tmp/x /tmp/nope')).toEqual({ stdout: '', stderr: 'diff: /tmp/nope: No such file or directory\n', status: 2 });
    expect(await w.run("printf 'a\\0b' > /tmp/b1; printf 'a\\0c' > /tmp/b2; diff /tmp/b1 /tmp/b2")).toEqual({ stdout: 'Binary files /tmp/b1 and /tmp/b2 differ\n', stderr: '', status: 1 });
    expect(await w.run('diff /tmp/x')).toEqual({ stdout: '', stderr: "diff: missing operand after `/tmp/x'\ndiff: Try `diff --help' for more information.\n", status: 2 });
  });
  it('directories: Only in, Common subdirectories, -r, -N', async () => {
    await ok('cd /tmp && mkdir -p d1/s d2/s && echo 1 > d1/f && echo 2 > d2/f && echo o > d1/only && echo z > d1/s/z');
    expect(await w.run('cd /tmp && diff d1 d2')).toEqual({
      stdout: 'diff d1/f d2/f\n1c1\n< 1\n---\n> 2\nOnly in d1: only\nCommon subdirectories: d1/s and d2/s\n',
      stderr: '',
      status: 1,
    });
    expect((await w.run('cd /tmp && diff -r d1 d2')).stdout).toBe('diff -r d1/f d2/f\n1c1\n< 1\n---\n> 2\nOnly in d1: only\nOnly in d1/s: z\n');
    expect((await w.run('cd /tmp && diff -rN d1 d2')).stdout).toBe('diff -rN d1/f d2/f\n1c1\n< 1\n---\n> 2\ndiff -rN d1/only d2/only\n1d0\n< o\ndiff -rN d1/s/z d2/s/z\n1d0\n< z\n');
  });
  it('-u -N shows an absent file as empty, from the Epoch; file against directory', async () => {
    expect((await w.run('cd /tmp && mkdir -p n1 n2 && echo new > n2/f && diff -uN n1 n2')).stdout).toBe(
      'diff -uN n1/f n2/f\n--- n1/f\t1970-01-01 01:00:00.000000000 +0100\n+++ n2/f\t2006-05-30 09:00:00.000000000 +0200\n@@ -0,0 +1 @@\n+new\n',
    );
    expect(await w.run('cd /tmp && echo new > f && diff f n2')).toEqual({ stdout: '', stderr: '', status: 0 });
  });
  it('cmp', async () => {
    expect(await w.run('cmp /tmp/x /tmp/y')).toEqual({ stdout: '/tmp/x /tmp/y differ: byte 3, line 2\n', stderr: '', status: 1 });
    expect(await w.run('cmp -s /tmp/x /tmp/y')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await w.run('cmp /tmp/x /tmp/x2')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await w.run('echo ab > /tmp/p; echo abc > /tmp/q; cmp /tmp/p /tmp/q')).toEqual({ stdout: '/tmp/p /tmp/q differ: byte 3, line 1\n', stderr: '', status: 1 });
    expect(await w.run('printf ab > /tmp/p; cmp /tmp/p /tmp/q')).toEqual({ stdout: '', stderr: 'cmp: EOF on /tmp/p\n', status: 1 });
    expect(await w.run('cmp /tmp/x /nope')).toEqual({ stdout: '', stderr: 'cmp: /nope: No such file or directory\n', status: 2 });
  });
});

describe('kernel modules (module-init-tools 3.1)', () => {
  it('lsmod lists /proc/modules', async () => {
    const out = await ok('lsmod');
    expect(out.split('\n').slice(0, 3).join('\n')).toBe('Module                  Size  Used by\nautofs4                19204  0 \nsunrpc                137980  1 ');
    expect(out).toContain('\njbd                    51732  1 ext3\n');
    expect(out).toContain('\nscsi_mod              124168  3 qla2xxx,scsi_transport_fc,sd_mod\n');
    expect(await ok('grep ^ext3 /proc/modules')).toMatch(/^ext3 119432 1 - Live 0x[0-9a-f]{8}\n$/);
  });
  it('modprobe loads dependencies first; rmmod refuses a module in use', async () => {
    expect(await ok('modprobe -v vfat')).toBe(`insmod ${MODDIR}/kernel/fs/fat/fat.ko \ninsmod ${MODDIR}/kernel/fs/vfat/vfat.ko \n`);
    expect(await ok('lsmod | head -3')).toBe('Module                  Size  Used by\nvfat                   12544  0 \nfat                    47516  1 vfat\n');
    expect(await w.run('rmmod fat')).toEqual({ stdout: '', stderr: 'ERROR: Module fat is in use by vfat\n', status: 1 });
    await ok('modprobe -r vfat');
    expect(await w.run('lsmod | grep fat')).toMatchObject({ stdout: '', status: 1 });
  });
  it('insmod and modprobe errors', async () => {
    expect(await w.run('insmod /tmp/none.ko')).toEqual({ stdout: '', stderr: "insmod: can't read '/tmp/none.ko': No such file or directory\n", status: 1 });
    expect(await w.run('insmod /etc/passwd')).toEqual({ stdout: '', stderr: "insmod: error inserting '/etc/passwd': -1 Invalid module format\n", status: 1 });
    expect(await w.run(`insmod ${MODDIR}/kernel/drivers/block/loop.ko`)).toEqual({ stdout: '', stderr: `insmod: error inserting '${MODDIR}/kernel/drivers/block/loop.ko': -1 File exists\n`, status: 1 });
    expect(await w.run('modprobe nosuch')).toEqual({ stdout: '', stderr: 'FATAL: Module nosuch not found.\n', status: 1 });
    expect(await w.run('rmmod nosuch')).toEqual({ stdout: '', stderr: 'ERROR: Module nosuch does not exist in /proc/modules\n', status: 1 });
    expect(await ok('modprobe -l "*8021q*"')).toBe(`${MODDIR}/kernel/net/8021q/8021q.ko\n`);
  });
  it('a guest has no CAP_SYS_MODULE: the tools say so in their words', async () => {
    expect(await inGuest(`insmod ${MODDIR}/kernel/drivers/net/dummy.ko`)).toEqual({ stdout: '', stderr: `insmod: error inserting '${MODDIR}/kernel/drivers/net/dummy.ko': -1 Operation not permitted\n`, status: 1 });
    expect(await inGuest('modprobe dummy')).toEqual({ stdout: '', stderr: `FATAL: Error inserting dummy (${MODDIR}/kernel/drivers/net/dummy.ko): Operation not permitted\n`, status: 1 });
    expect(await inGuest('rmmod loop')).toEqual({ stdout: '', stderr: "ERROR: Removing 'loop': Operation not permitted\n", status: 255 });
    // The host's boot ran vprocunhide, which makes /proc/modules visible to guests: they may look.
    expect((await inGuest('lsmod | head -2')).stdout).toBe('Module                  Size  Used by\nautofs4                19204  0 \n');
    expect((await w.run('lsmod | grep -c dummy')).stdout).toBe('0\n');
  });
});

describe('mke2fs, mkfs and losetup', () => {
  const STATS_10M =
    'Filesystem label=\nOS type: Linux\nBlock size=1024 (log=0)\nFragment size=1024 (log=0)\n2560 inodes, 10240 blocks\n' +
    '512 blocks (5.00%) reserved for the super user\nFirst data block=1\n2 block groups\n8192 blocks per group, 8192 fragments per group\n' +
    '1280 inodes per group\nSuperblock backups stored on blocks: \n\t8193\n\n';
  const TAIL =
    'Writing superblocks and filesystem accounting information: done\n\n' +
    'This filesystem will be automatically checked every 36 mounts or\n180 days, whichever comes first.  Use tune2fs -c or -i to override.\n';

  it("the lab: dd, mke2fs -F, mount -o loop", async () => {
    await ok('dd if=/dev/zero of=/disk2.raw bs=1M count=10 2>/dev/null; mkdir -p /mnt/d2');
    const r = await w.run('mke2fs -F /disk2.raw');
    expect(r).toEqual({ stdout: STATS_10M + 'Writing inode tables: 0/2\b\b\b1/2\b\b\bdone                            \n' + TAIL, stderr: 'mke2fs 1.35 (28-Feb-2004)\n', status: 0 });
    expect(await ok('mount -o loop /disk2.raw /mnt/d2 && ls /mnt/d2 && df /mnt/d2')).toBe(
      'lost+found\nFilesystem           1K-blocks      Used Available Use% Mounted on\n/disk2.raw                9911        17      9399   1% /mnt/d2\n',
    );
    expect(await w.run('mke2fs /disk2.raw', { stdin: 'y\n' })).toEqual({
      stdout: '/disk2.raw is not a block special device.\nProceed anyway? (y,n) ',
      stderr: 'mke2fs 1.35 (28-Feb-2004)\n/disk2.raw is mounted; will not make a filesystem here!\n',
      status: 1,
    });
    await ok('umount /mnt/d2');
  });
  it('asks before formatting a regular file', async () => {
    expect(await w.run('mke2fs /disk2.raw', { stdin: 'n\n' })).toEqual({ stdout: '/disk2.raw is not a block special device.\nProceed anyway? (y,n) ', stderr: 'mke2fs 1.35 (28-Feb-2004)\n', status: 1 });
    const r = await w.run('mkfs.ext3 /disk2.raw', { stdin: 'y\n' });
    expect(r.stdout).toBe('/disk2.raw is not a block special device.\nProceed anyway? (y,n) ' + STATS_10M + 'Writing inode tables: 0/2\b\b\b1/2\b\b\bdone                            \nCreating journal (1024 blocks): done\n' + TAIL);
    expect(r.status).toBe(0);
    expect(await ok('file /disk2.raw')).toBe('/disk2.raw: Linux rev 1.0 ext3 filesystem data\n');
    expect(await ok('mount -o loop /disk2.raw /mnt/d2 && mount | grep d2 && umount /mnt/d2')).toBe('/disk2.raw on /mnt/d2 type ext3 (rw,loop=/dev/loop0)\n');
  });
  it('mkfs runs mkfs.TYPE; errors in mke2fs words', async () => {
    expect(await w.run('mkfs -t ext2 -q -F /disk2.raw; file -b /disk2.raw')).toEqual({ stdout: 'Linux rev 1.0 ext2 filesystem data\n', stderr: '', status: 0 });
    expect(await w.run('mkfs -t xfs /disk2.raw')).toEqual({ stdout: '', stderr: 'mkfs: mkfs.xfs: No such file or directory\n', status: 8 });
    expect(await w.run('mke2fs /nope')).toEqual({
      stdout: '',
      stderr: 'mke2fs 1.35 (28-Feb-2004)\nCould not stat /nope --- No such file or directory\n\nThe device apparently does not exist; did you specify it correctly?\n',
      status: 1,
    });
    expect(await w.run('mke2fs /dev/sda1')).toEqual({ stdout: '', stderr: 'mke2fs 1.35 (28-Feb-2004)\n/dev/sda1 is mounted; will not make a filesystem here!\n', status: 1 });
    expect((await w.run('mke2fs')).stderr).toMatch(/^Usage: mke2fs \[-c\|-t\|-l filename\] \[-b block-size\]/);
  });
  it('losetup attaches, shows and detaches; mke2fs formats through the loop device', async () => {
    expect(await w.run('losetup /dev/loop1')).toEqual({ stdout: '', stderr: "loop: can't get info on device /dev/loop1: No such device or address\n", status: 1 });
    await ok('dd if=/dev/zero of=/tmp/l.img bs=1k count=4096 2>/dev/null && losetup /dev/loop1 /tmp/l.img');
    expect(await ok('losetup /dev/loop1')).toMatch(/^\/dev\/loop1: \[[0-9a-f]{4}\]:\d+ \(\/tmp\/l\.img\)\n$/);
    expect(await w.run('losetup /dev/loop1 /tmp/l.img')).toEqual({ stdout: '', stderr: 'ioctl: LOOP_SET_FD: Device or resource busy\n', status: 1 });
    expect((await w.run('mke2fs /dev/loop1')).stdout).toContain('1024 inodes, 4096 blocks\n204 blocks (4.98%) reserved for the super user\n');
    expect(await ok('file /tmp/l.img')).toBe('/tmp/l.img: Linux rev 1.0 ext2 filesystem data\n');
    await ok('losetup -d /dev/loop1');
    expect(await w.run('losetup -d /dev/loop1')).toEqual({ stdout: '', stderr: 'ioctl: LOOP_CLR_FD: No such device or address\n', status: 1 });
  });
});

describe('chattr and lsattr (e2fsprogs 1.35)', () => {
  it('the immutable flag is the kernel one, shown in 13 columns', async () => {
    await ok('mkdir -p /tmp/at && cd /tmp/at && touch f g && chattr +i f');
    expect(await ok('cd /tmp/at && lsattr')).toBe('----i-------- ./f\n------------- ./g\n');
    expect(await w.run('rm -f /tmp/at/f')).toEqual({ stdout: '', stderr: "rm: cannot remove `/tmp/at/f': Operation not permitted\n", status: 1 });
    expect(await ok('lsattr -l /tmp/at/f; lsattr -d /tmp/at')).toBe('/tmp/at/f                    Immutable\n------------- /tmp/at\n');
    expect(await w.run('chattr -V -i /tmp/at/f')).toEqual({ stdout: 'Flags of /tmp/at/f set as -------------\n', stderr: 'chattr 1.35 (28-Feb-2004)\n', status: 0 });
    await ok('rm /tmp/at/f');
  });
  it('errors in the words of com_err', async () => {
    expect(await w.run('lsattr /nope /dev/null /proc/uptime')).toEqual({
      stdout: '',
      stderr: 'lsattr: No such file or directory while trying to stat /nope\nlsattr: Operation not supported While reading flags on /dev/null\nlsattr: Inappropriate ioctl for device While reading flags on /proc/uptime\n',
      status: 0,
    });
    expect(await w.run('chattr +Z /tmp/at/g')).toEqual({ stdout: '', stderr: 'usage: chattr [-RV] [-+=AacDdijsSu] [-v version] files...\n', status: 1 });
    expect(await w.run('chattr /tmp/at/g')).toEqual({ stdout: '', stderr: "Must use '-v', =, - or +\n", status: 1 });
  });
  it('a guest lacks CAP_LINUX_IMMUTABLE', async () => {
    expect(await inGuest('chattr +i /tmp/at/g; lsattr /tmp/at/g')).toEqual({
      stdout: '------------- /tmp/at/g\n',
      stderr: 'chattr: Operation not permitted while setting flags on /tmp/at/g\n',
      status: 0,
    });
  });
});

describe('accounts: useradd, userdel, groupadd, passwd, su', () => {
  it('useradd makes the account, its private group, home and mail spool', async () => {
    await ok('useradd alice');
    expect(await ok('grep alice /etc/passwd /etc/shadow /etc/group')).toBe('/etc/passwd:alice:x:501:501::/home/alice:/bin/bash\n/etc/shadow:alice:!!:13298:0:99999:7:::\n/etc/group:alice:x:501:\n');
    expect(await ok('ls -ld /home/alice | cut -c1-26')).toBe('drwx------  2 alice alice \n');
    expect(await w.run('useradd alice')).toEqual({ stdout: '', stderr: 'useradd: user alice exists\n', status: 9 });
    expect(await w.run('useradd -g nogroup bob')).toEqual({ stdout: '', stderr: 'useradd: unknown group nogroup\n', status: 6 });
    expect(await w.run('useradd -u 500 bob')).toEqual({ stdout: '', stderr: 'useradd: uid 500 is not unique\n', status: 4 });
    expect(await w.run('useradd Bob')).toEqual({ stdout: '', stderr: "useradd: invalid user name 'Bob'\n", status: 3 });
    await ok('groupadd devs');
    expect(await w.run('groupadd devs')).toEqual({ stdout: '', stderr: 'groupadd: group devs exists\n', status: 9 });
    expect(await ok('tail -1 /etc/group')).toBe('devs:x:502:\n');
  });
  it('root changes user without a password; su - gives a login shell', async () => {
    expect(await ok('su alice -c id')).toBe('uid=501(alice) gid=501(alice) groups=501(alice)\n');
    expect(await ok("su - alice -c 'pwd; echo $USER $HOME'")).toBe('/home/alice\nalice /home/alice\n');
    expect(await w.run('su nobodyx')).toEqual({ stdout: '', stderr: 'su: user nobodyx does not exist\n', status: 1 });
  });
  it('others give the password: vlab until passwd changes it', async () => {
    expect(await w.run("su alice -c 'su etudiant -c id'", { stdin: 'vlab\n' })).toEqual({ stdout: 'uid=500(etudiant) gid=500(etudiant) groups=500(etudiant)\n', stderr: 'Password: ', status: 0 });
    expect(await w.run("su alice -c 'su etudiant -c id'", { stdin: 'wrong\n' })).toEqual({ stdout: '', stderr: 'Password: su: incorrect password\n', status: 1 });
    expect(await w.run('passwd alice', { stdin: 'Sec4et!pw\nSec4et!pw\n' })).toEqual({
      stdout: 'Changing password for user alice.\npasswd: all authentication tokens updated successfully.\n',
      stderr: 'New UNIX password: Retype new UNIX password: ',
      status: 0,
    });
    expect(await ok('grep ^alice: /etc/shadow')).toMatch(/^alice:\$1\$vL[./0-9A-Za-z]{6}\$[./0-9A-Za-z]{22}:13298:0:99999:7:::\n$/);
    expect((await w.run("su etudiant -c 'su alice -c whoami'", { stdin: 'vlab\n' })).status).toBe(1);
    expect(await w.run("su etudiant -c 'su alice -c whoami'", { stdin: 'Sec4et!pw\n' })).toMatchObject({ stdout: 'alice\n', status: 0 });
    expect(await w.run("su alice -c 'passwd etudiant'")).toEqual({ stdout: '', stderr: 'passwd: Only root can specify a user name.\n', status: 1 });
  });
  it('a user changes their own password after giving the old one', async () => {
    const r = await w.run("su alice -c 'passwd'", { stdin: 'Sec4et!pw\nN3w!pass\nN3w!pass\n' });
    expect(r).toEqual({
      stdout: 'Changing password for user alice.\nChanging password for alice\npasswd: all authentication tokens updated successfully.\n',
      stderr: '(current) UNIX password: New UNIX password: Retype new UNIX password: ',
      status: 0,
    });
  });
  it('userdel -r removes the account, group and home', async () => {
    await ok('userdel -r alice');
    expect(await w.run('grep -c alice /etc/passwd /etc/group; ls /home')).toMatchObject({ stdout: '/etc/passwd:0\n/etc/group:0\netudiant\n' });
    expect(await w.run('userdel alice')).toEqual({ stdout: '', stderr: 'userdel: user alice does not exist\n', status: 6 });
  });
});

describe('who, w, last, shutdown -k on terminals', () => {
  it('sessions are the login shells of the consoles', async () => {
    const t = await w.terminal();
    const t2 = await w.terminal();
    t.take();
    t2.take();
    await t.type('who\r');
    expect(t.take()).toBe('who\r\nroot     pts/0        May 30 09:00\r\nroot     pts/1        May 30 09:00\r\nroot@scivm-xm4:~# ');
    await t.type('who -q; who -b\r');
    expect(t.take()).toBe('who -q; who -b\r\nroot root\r\n# users=2\r\n         system boot  May 30 09:00\r\nroot@scivm-xm4:~# ');
    await t.type('w -h\r');
    // Idle is the time since the last command: none on pts/0, since login on pts/1.
    expect(t.take()).toMatch(/^w -h\r\nroot     pts\/0    -                09:00    0\.00s  0\.00s  0\.00s w -h\r\nroot     pts\/1    -                09:00  +\d+\.00s  0\.00s  0\.00s -bash\r\nroot@scivm-xm4:~# $/);
    await t.type('last\r');
    expect(t.take()).toBe(
      'last\r\nroot     pts/1                         Tue May 30 09:00   still logged in   \r\nroot     pts/0                         Tue May 30 09:00   still logged in   \r\n' +
        `reboot   system boot  ${RELEASE.slice(0, 16)} Tue May 30 09:00         (00:00)     \r\n\r\nwtmp begins Tue May 30 09:00:00 2006\r\nroot@scivm-xm4:~# `,
    );
    await t.type('su etudiant\r');
    await t.type('who am i; su -\r');
    expect(t.take()).toBe('su etudiant\r\netudiant@scivm-xm4:/root$ who am i; su -\r\nroot     pts/0        May 30 09:00\r\nPassword: ');
    await t.type('vlab\r');
    expect(t.take()).toBe('\r\nroot@scivm-xm4:~# ');
    await t.type('exit\r');
    await t.type('exit\r');
    expect(t.take()).toBe('exit\r\nlogout\r\netudiant@scivm-xm4:/root$ exit\r\nexit\r\nroot@scivm-xm4:~# ');
    await t.type("date '+%a %b %e %H:%M:%S %Y'\r");
    const now = t.take().split('\r\n')[1];
    await t.type('shutdown -k now\r');
    const broadcast = `\x07\r\r\nBroadcast message from root (pts/0) (${now}):\r\r\n\r\r\nThe system is going down to maintenance mode NOW!\r\r\n`;
    expect(t2.take()).toBe(broadcast);
    expect(t.take()).toBe(`shutdown -k now\r\n${broadcast}\r\r\nShutdown cancelled.\r\r\nroot@scivm-xm4:~# `);
  });
});

describe('gzip, gunzip, zcat and tar z (gzip 1.3.3)', () => {
  it('replaces the file, keeps its mode, says the ratio', async () => {
    await ok('cd /tmp && cp /etc/services svc && chmod 600 svc && touch -t 200605301200 svc');
    expect(await w.run('cd /tmp && gzip -v svc && ls -l svc.gz | cut -c1-10')).toEqual({ stdout: '-rw-------\n', stderr: 'svc:\t 49.3% -- replaced with svc.gz\n', status: 0 });
    expect(await ok('cd /tmp && gzip -l svc.gz')).toBe('compressed  uncompressed  ratio uncompressed_name\n     1566      3043  49.3% svc\n');
    expect(await ok('cd /tmp && file svc.gz')).toBe('svc.gz: gzip compressed data, was "svc", from Unix, last modified: Tue May 30 12:00:00 2006\n');
    expect(await ok('cd /tmp && zcat svc.gz | cmp - /etc/services && gunzip svc.gz && cmp svc /etc/services && ls svc*')).toBe('svc\n');
  });
  it('warnings (exit 2) and errors (exit 1)', async () => {
    await ok('cd /tmp && echo hi > plain && cp plain plain.gz && gzip -c plain > p.gz');
    expect(await w.run('cd /tmp && gzip p.gz')).toEqual({ stdout: '', stderr: 'gzip: p.gz already has .gz suffix -- unchanged\n', status: 2 });
    expect(await w.run('cd /tmp && gunzip plain')).toEqual({ stdout: '', stderr: 'gunzip: plain: unknown suffix -- ignored\n', status: 2 });
    expect(await w.run('cd /tmp && gunzip plain.gz')).toEqual({ stdout: '', stderr: 'gunzip: plain.gz: not in gzip format\n', status: 1 });
    expect(await w.run('gzip /nope')).toEqual({ stdout: '', stderr: 'gzip: /nope: No such file or directory\n', status: 1 });
    expect(await w.run('cd /tmp && gzip -c plain > plain.gz; gzip plain')).toEqual({ stdout: '', stderr: 'gzip: plain.gz already exists; not overwritten\n', status: 2 });
    expect(await ok('echo piped | gzip | gunzip')).toBe('piped\n');
    expect(await w.run('cd /tmp && gzip -tv p.gz; zcat -f plain')).toEqual({ stdout: 'hi\n', stderr: 'p.gz:\t OK\n', status: 0 });
  });
  it('zeros compress to almost nothing; tar z and gzip understand each other', async () => {
    expect(await ok('cd /tmp && dd if=/dev/zero of=z bs=1M count=10 2>/dev/null && gzip z && gzip -l z.gz | tail -1')).toMatch(/^ {6,9}\d{2,3}  10485760  99\.9% z\n$/);
    await ok('cd /tmp && mkdir -p tz && echo a > tz/a && tar czf tz.tgz tz && gunzip tz.tgz');
    expect(await ok('cd /tmp && tar tf tz.tar && gzip tz.tar && tar tzf tz.tar.gz')).toBe('tz/\ntz/a\ntz/\ntz/a\n');
  });
});

describe('sha1sum, file, dmesg, sysctl, reboot', () => {
  it('sha1sum prints and checks', async () => {
    expect(await ok('printf abc | sha1sum')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d  -\n');
    expect(await ok('sha1sum /etc/hosts > /tmp/h.sha1 && sha1sum -c /tmp/h.sha1')).toBe('/etc/hosts: OK\n');
    expect(await w.run('sha1sum /nope')).toEqual({ stdout: '', stderr: 'sha1sum: /nope: No such file or directory\n', status: 1 });
  });
  it('file names the type, names padded', async () => {
    expect(await ok('cd /tmp && : > empty && printf "#!/bin/sh\\n" > s.sh && file /bin/ls empty s.sh /dev/null /bin/sh /nope')).toBe(
      '/bin/ls:   ELF 32-bit LSB executable, Intel 80386, version 1 (SYSV), for GNU/Linux 2.2.5, dynamically linked (uses shared libs), stripped\n' +
        'empty:     empty\ns.sh:      Bourne shell script text executable\n/dev/null: character special (1/3)\n/bin/sh:   symbolic link to `bash\'\n' +
        "/nope:     ERROR: cannot open `/nope' (No such file or directory)\n",
    );
  });
  it('dmesg: the boot log on the host, refused in a guest', async () => {
    expect(await ok('dmesg | head -1')).toBe(`Linux version ${RELEASE} (root@localhost.localdomain) (gcc version 3.4.6 20060404 (Red Hat 3.4.6-3)) #1 SMP Tue May 23 10:12:34 CEST 2006\n`);
    expect(await ok('dmesg | grep -e EXT3 -e "^loop"')).toBe('EXT3-fs: mounted filesystem with ordered data mode.\nloop: loaded (max 8 devices)\n');
    expect(await inGuest('dmesg')).toEqual({ stdout: '', stderr: 'klogctl: Operation not permitted\n', status: 1 });
  });
  it('sysctl reads and writes the kernel settings', async () => {
    expect(await ok('sysctl kernel.hostname net.ipv4.ip_forward kernel.vshelper')).toBe('kernel.hostname = scivm-xm4.unilim.fr\nnet.ipv4.ip_forward = 0\nkernel.vshelper = /sbin/vshelper\n');
    expect(await ok('sysctl -w net.ipv4.ip_forward=1; sysctl -n net.ipv4.ip_forward; sysctl -w net.ipv4.ip_forward=0')).toBe('net.ipv4.ip_forward = 1\n1\nnet.ipv4.ip_forward = 0\n');
    expect(await w.run('sysctl foo.bar')).toEqual({ stdout: '', stderr: 'error: "foo.bar" is an unknown key\n', status: 255 });
    expect(await w.run("su etudiant -c 'sysctl -w vm.swappiness=10'")).toEqual({ stdout: '', stderr: "error: permission denied on key 'vm.swappiness'\n", status: 255 });
    expect(await inGuest('sysctl -w net.ipv4.ip_forward=1')).toEqual({ stdout: '', stderr: 'error: "Operation not permitted" setting key "net.ipv4.ip_forward"\n', status: 255 });
  });
  it('halt, reboot, shutdown: refusals, and no harm done as root', async () => {
    expect(await w.run("su etudiant -c 'reboot; halt; shutdown -r now'")).toEqual({
      stdout: '',
      stderr: 'reboot: must be superuser.\nhalt: must be superuser.\nshutdown: you must be root to do that!\n',
      status: 1,
    });
    expect(await w.run('reboot')).toEqual({ stdout: '', stderr: 'vlab: reboot is not emulated; scivm-xm4.unilim.fr stays up.\n', status: 1 });
    expect((await w.run('shutdown')).stderr).toMatch(/^Usage:\t  shutdown \[-akrhHPfnc\] \[-t secs\] time \[warning message\]\n/);
    expect(await ok('echo still up')).toBe('still up\n');
  });
});
