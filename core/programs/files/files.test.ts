/**
 * The file programs on the files harness (testing/world.ts) for what the default world does not
 * offer a test: other users, a second disk, small filesystems, loop images, chroot into a copied
 * tree. The suite shared with the booted world is test/programs/files.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../shell/bash.js';
import '../text/index.js';
import './index.js';
import { bootFilesWorld, type FilesWorld } from './testing/world.js';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

let w: FilesWorld;
beforeAll(() => {
  w = bootFilesWorld({ yieldToHost });
});

const ok = async (line: string, options: { uid?: number; stdin?: string } = {}) => {
  const r = await w.run(line, options);
  expect(r.stderr, `stderr of ${line}`).toBe('');
  expect(r.status, `status of ${line}`).toBe(0);
  return r.stdout;
};

describe('as an ordinary user', () => {
  it('mount, umount and mknod need root', async () => {
    const r = await w.run('mount /dev/sdb1 /mnt; umount /proc; mknod /tmp/node c 1 3; mount | head -1', { uid: 500 });
    expect(r.stderr).toBe(
      "mount: only root can do that\numount: only root can unmount none from /proc\nmknod: `/tmp/node': Operation not permitted\n",
    );
    expect(r.stdout).toBe('/dev/sda1 on / type ext3 (rw)\n');
  });
  it('permission errors from rm, mkdir, chmod, chown, touch, cp', async () => {
    await ok('mkdir -p /tmp/owned && touch /tmp/owned/f /tmp/rootfile && chmod 1777 /tmp/owned');
    const r = await w.run('rm /tmp/rootfile; rm -f /tmp/owned/f; mkdir /root/x; chmod 777 /etc/passwd; chown etudiant /etc/hosts; touch /etc/passwd; cp /etc/shadow /tmp/s', { uid: 500 });
    expect(r.stderr).toBe(
      "rm: cannot remove `/tmp/rootfile': Operation not permitted\n" +
        "rm: cannot remove `/tmp/owned/f': Operation not permitted\n" +
        "mkdir: cannot create directory `/root/x': Permission denied\n" +
        "chmod: changing permissions of `/etc/passwd': Operation not permitted\n" +
        "chown: changing ownership of `/etc/hosts': Operation not permitted\n" +
        "touch: cannot touch `/etc/passwd': Permission denied\n" +
        "cp: cannot open `/etc/shadow' for reading: Permission denied\n",
    );
  });
  it('rm asks before removing a write-protected file when standard input is... answered', async () => {
    await ok('echo x > /tmp/mine && chmod 444 /tmp/mine && chown etudiant /tmp/mine');
    const r = await w.run('rm -i /tmp/mine', { uid: 500, stdin: 'y\n' });
    expect(r.stderr).toBe("rm: remove write-protected regular file `/tmp/mine'? ");
    expect((await w.run('ls /tmp/mine')).status).toBe(1);
  });
  it('cp -p as a user keeps what it may', async () => {
    const r = await w.run('cp -p /etc/hosts /tmp/hosts.copy && stat -c "%U %a" /tmp/hosts.copy', { uid: 500 });
    expect(r).toEqual({ stdout: 'etudiant 644\n', stderr: '', status: 0 });
  });
});

describe('mounts and filesystems', () => {
  it('mounts a second disk, lists it, refuses to unmount while busy', async () => {
    await ok('mkdir -p /mnt/disk && mount -t ext3 /dev/sdb1 /mnt/disk');
    expect(await ok('mount | grep disk')).toBe('/dev/sdb1 on /mnt/disk type ext3 (rw)\n');
    expect(await ok('df /mnt/disk')).toMatch(/^Filesystem {11}1K-blocks {6}Used Available Use% Mounted on\n\/dev\/sdb1 +102400 +\d+ +\d+ +\d+% \/mnt\/disk\n$/);
    const busy = await w.run('cd /mnt/disk && umount /mnt/disk');
    expect(busy.stderr).toBe('umount: /mnt/disk: device is busy\n');
    const again = await w.run('mount /dev/sdb1 /mnt');
    expect(again.stderr).toBe('mount: /dev/sdb1 already mounted or /mnt busy\n');
    await ok('umount /mnt/disk');
    expect((await w.run('umount /mnt/disk')).stderr).toBe('umount: /mnt/disk: not mounted\n');
  });
  it('loop images and the era messages', async () => {
    await ok('dd if=/dev/zero of=/tmp/disk.raw bs=1k count=64 2>/dev/null && mkdir -p /mnt/img');
    expect((await w.run('mount -t ext2 /tmp/disk.raw /mnt/img')).stderr).toBe("mount: /tmp/disk.raw is not a block device (maybe try `-o loop'?)\n");
    await ok('mount -o loop /tmp/disk.raw /mnt/img && echo ok > /mnt/img/ok');
    expect(await ok('mount | grep img')).toBe('/tmp/disk.raw on /mnt/img type ext2 (rw,loop=/dev/loop0)\n');
    await ok('umount /mnt/img');
    expect((await w.run('cat /mnt/img/ok')).stderr).toBe('cat: /mnt/img/ok: No such file or directory\n');
    await ok('mount -o loop /tmp/disk.raw /mnt/img');
    expect(await ok('cat /mnt/img/ok')).toBe('ok\n');
    await ok('umount /mnt/img');
    expect((await w.run('mount -t frobfs none /mnt/img')).stderr).toBe('mount: fs type frobfs not supported by kernel\n');
  });
  it('mount --bind', async () => {
    await ok('mkdir -p /tmp/bsrc /tmp/bdst && echo b > /tmp/bsrc/file && mount --bind /tmp/bsrc /tmp/bdst');
    expect(await ok('cat /tmp/bdst/file')).toBe('b\n');
    await ok('umount /tmp/bdst');
  });
  it('mv across filesystems copies then removes', async () => {
    await ok('mkdir -p /mnt/x && mount /dev/sdb1 /mnt/x && mkdir -p /tmp/tree/s && echo 1 > /tmp/tree/s/f && ln -s f /tmp/tree/s/l');
    expect(await ok('mv -v /tmp/tree /mnt/x/')).toBe("`/tmp/tree' -> `/mnt/x/tree'\n`/tmp/tree/s' -> `/mnt/x/tree/s'\n`/tmp/tree/s/f' -> `/mnt/x/tree/s/f'\n`/tmp/tree/s/l' -> `/mnt/x/tree/s/l'\nremoved `/tmp/tree/s/f'\nremoved `/tmp/tree/s/l'\nremoved directory: `/tmp/tree/s'\nremoved directory: `/tmp/tree'\n");
    expect(await ok('ls -R /mnt/x/tree; readlink /mnt/x/tree/s/l')).toBe('/mnt/x/tree:\ns\n\n/mnt/x/tree/s:\nf\nl\nf\n');
    expect((await w.run('ln /mnt/x/tree/s/f /tmp/hard')).stderr).toBe("ln: creating hard link `/tmp/hard' to `/mnt/x/tree/s/f': Invalid cross-device link\n");
    await ok('cd / && umount /mnt/x');
  });
  it('dd reports a full disk', async () => {
    await ok('mkdir -p /mnt/small && mount -t tmpfs none /mnt/small');
    const r = await w.run('dd if=/dev/zero of=/mnt/small/big bs=1M count=400');
    expect(r.stderr).toMatch(/^dd: writing `\/mnt\/small\/big': No space left on device\n\d+\+0 records in\n\d+\+0 records out\n$/);
    expect(r.status).toBe(1);
    await ok('rm /mnt/small/big && umount /mnt/small');
  });
  it('df -a shows the filesystems without blocks; df -T their types', async () => {
    const all = await ok('df -a');
    expect(all).toContain('none                         0         0         0   -  /proc\n');
    expect(await ok('df')).not.toContain('/proc');
    expect(await ok('df -T /dev/shm')).toMatch(/\nnone {9}tmpfs +\d+/);
  });
});

describe('chroot and copies of programs', () => {
  it('a tree copied with cp -a, tar or cpio still runs its programs', async () => {
    await ok('mkdir -p /vs/a/bin /vs/a/etc && cp -a /bin/bash /bin/ls /bin/cat /vs/a/bin/ && ln -s bash /vs/a/bin/sh && cp /etc/passwd /etc/group /vs/a/etc/');
    expect(await ok('chroot /vs/a /bin/ls /')).toBe('bin\netc\n');
    await ok('cd /vs && tar cf /tmp/guest.tar a && mkdir /vs/b && tar xf /tmp/guest.tar -C /vs/b');
    expect(await ok('chroot /vs/b/a /bin/cat /etc/group | head -1')).toBe('root:x:0:root\n');
    await ok('cd /vs/a && find . | cpio -pdm /vs/c 2>/dev/null');
    expect(await ok('chroot /vs/c ls -d /bin')).toBe('/bin\n');
  });
  it('chroot errors and exit statuses', async () => {
    const r = await w.run('chroot /nowhere; echo $?; chroot /vs/a /bin/nothing; echo $?; chroot; echo $?');
    expect(r.stdout).toBe('1\n127\n1\n');
    expect(r.stderr).toBe(
      'chroot: cannot change root directory to /nowhere: No such file or directory\n' +
        "chroot: cannot run command `/bin/nothing': No such file or directory\n" +
        "chroot: too few arguments\nTry `chroot --help' for more information.\n",
    );
    expect((await w.run('chroot /vs/a /bin/ls', { uid: 500 })).stderr).toBe('chroot: cannot change root directory to /vs/a: Operation not permitted\n');
  });
});

describe('ls columns', () => {
  it('lays out names down the columns with tabs, -x across', async () => {
    await ok('mkdir /tmp/cols && cd /tmp/cols && touch alpha beta gamma delta epsilon zeta eta theta iota kappa');
    // Five columns fit in 40: widths 7, 9, 7, 7 and 5; a tab when it reaches the next stop.
    expect(await ok('COLUMNS=40 ls -C /tmp/cols')).toBe('alpha  delta\teta    iota   theta\nbeta   epsilon\tgamma  kappa  zeta\n');
    expect(await ok('ls -x -w 40 /tmp/cols')).toBe('alpha  beta  delta  epsilon  eta\ngamma  iota  kappa  theta    zeta\n');
    expect(await ok('ls -C -w 12 /tmp/cols | head -2')).toBe('alpha\nbeta\n');
  });
  it('colours', async () => {
    expect(await ok('ls --color=always -d /tmp /etc/passwd')).toBe('\x1b[0m\x1b[0m/etc/passwd\x1b[0m\n\x1b[01;34m/tmp\x1b[0m\n\x1b[m');
  });
  it('the time style follows the locale, as coreutils 5.2 does', async () => {
    expect(await ok('LANG=fr_FR.UTF-8 ls -l /etc/passwd')).toMatch(/ 2006-05-30 09:\d\d \/etc\/passwd\n$/);
    expect(await ok('TZ=Europe/Paris ls -l /etc/passwd')).toMatch(/ May 30 09:\d\d \/etc\/passwd\n$/);
  });
});

describe('find actions and -ok', () => {
  it('-ok asks, -delete removes depth first, -ls', async () => {
    await ok('mkdir -p /tmp/fd/a/b && touch /tmp/fd/a/b/x /tmp/fd/y');
    const r = await w.run('find /tmp/fd -name y -ok rm {} \\;', { stdin: 'y\n' });
    expect(r.stderr).toBe('< rm /tmp/fd/y > ? ');
    await ok('find /tmp/fd/a -delete');
    expect(await ok('find /tmp/fd')).toBe('/tmp/fd\n');
    expect(await ok('find /etc/passwd -ls')).toMatch(/^ +\d+ +4 -rw-r--r-- +1 root +root +\d+ May 30 09:\d\d \/etc\/passwd\n$/);
  });
});

describe('rsync details', () => {
  it('dry run, exclude, single file', async () => {
    await ok('mkdir -p /tmp/rs/src/skip && echo 1 > /tmp/rs/src/a && echo 2 > /tmp/rs/src/skip/b');
    const dry = await ok('rsync -avn /tmp/rs/src/ /tmp/rs/dst');
    expect(dry).toContain('\na\n');
    expect((await w.run('ls /tmp/rs/dst')).status).toBe(1);
    await ok('rsync -a --exclude=skip /tmp/rs/src/ /tmp/rs/dst');
    expect(await ok('ls /tmp/rs/dst')).toBe('a\n');
    await ok('rsync /tmp/rs/src/a /tmp/rs/copy');
    expect(await ok('cat /tmp/rs/copy')).toBe('1\n');
    expect(await ok('rsync -r /tmp/rs/src /tmp/rs/nolinks; ls /tmp/rs/nolinks/src')).toBe('a\nskip\n');
  });
});
