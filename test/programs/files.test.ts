/**
 * End-to-end tests of the file programs (core/programs/files): command lines run by the real
 * shell, checked on their output and exit status. The same suite runs on the booted default world
 * (bootTestWorld, the real VFS) and on the files harness (an in-memory VFS, core/programs/files/
 * testing), so a difference between the two shows up as a failure in one of them.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../core/programs/files/index.js';
import '../../core/programs/text/index.js';
import '../../core/shell/bash.js';
import { bootFilesWorld } from '../../core/programs/files/testing/world.js';
import { bootTestWorld } from '../support/world.js';

interface Result {
  stdout: string;
  stderr: string;
  status: number;
}
interface Runner {
  run(line: string, options?: { stdin?: string }): Promise<Result>;
}

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const DATE = '(?:[A-Z][a-z]{2} [ 0-9]\\d (?:\\d\\d:\\d\\d| \\d{4}))';

function suite(label: string, boot: () => Promise<Runner>): void {
  describe(label, () => {
    let w: Runner;
    let n = 0;
    /** A fresh directory for each test. */
    const dir = () => `/tmp/ft${++n}`;
    beforeAll(async () => {
      w = await boot();
    }, 60_000);
    /** Skip a test on a world that does not install a program it needs (see the report). */
    const requires = async (ctx: { skip: (note?: string) => void }, ...names: string[]) => {
      for (const name of names) if ((await w.run(`type ${name}`)).status !== 0) ctx.skip(`${name} is not installed in this world`);
    };
    const ok = async (line: string, stdin?: string) => {
      const r = await w.run(line, { stdin });
      expect(r.stderr, `stderr of ${line}`).toBe('');
      expect(r.status, `status of ${line}`).toBe(0);
      return r.stdout;
    };

    describe('ls', () => {
      it('long format of a file, a device and a symlink', async () => {
        const out = await ok('ls -l /etc/passwd /bin/sh');
        const lines = out.split('\n');
        expect(lines[0]).toMatch(new RegExp(`^lrwxrwxrwx  1 root root +4 ${DATE} /bin/sh -> bash$`));
        expect(lines[1]).toMatch(new RegExp(`^-rw-r--r--  1 root root +\\d+ ${DATE} /etc/passwd$`));
        expect(await ok('ls -l /dev/null')).toMatch(new RegExp(`^crw-[rw-]{6}  1 root root 1, 3 ${DATE} /dev/null\\n$`));
      });
      it('errors and exit status', async () => {
        const r = await w.run('ls /nonexistent /etc/passwd');
        expect(r.stdout).toBe('/etc/passwd\n');
        expect(r.stderr).toBe('ls: /nonexistent: No such file or directory\n');
        expect(r.status).toBe(1);
        const bad = await w.run('ls -Z');
        expect(bad.stderr).toBe("ls: invalid option -- Z\nTry `ls --help' for more information.\n");
        expect(bad.status).toBe(1);
      });
      it('sorts like LC_COLLATE=C, hides dot files unless -a/-A', async () => {
        const d = dir();
        await ok(`mkdir ${d} && cd ${d} && touch b a B .hidden _x 10 9`);
        expect(await ok(`ls ${d}`)).toBe('10\n9\nB\n_x\na\nb\n');
        expect(await ok(`ls -a ${d}`)).toBe('.\n..\n.hidden\n10\n9\nB\n_x\na\nb\n');
        expect(await ok(`ls -A ${d}`)).toBe('.hidden\n10\n9\nB\n_x\na\nb\n');
        expect(await ok(`ls -r ${d}`)).toBe('b\na\n_x\nB\n9\n10\n');
      });
      it('directories named with files, -d, -R, total', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/sub/deep && echo x > ${d}/f && echo yy > ${d}/sub/g`);
        expect(await ok(`ls ${d}/f ${d}/sub`)).toBe(`${d}/f\n\n${d}/sub:\ndeep\ng\n`);
        expect(await ok(`ls -d ${d}/sub`)).toBe(`${d}/sub\n`);
        expect(await ok(`ls -R ${d}`)).toBe(`${d}:\nf\nsub\n\n${d}/sub:\ndeep\ng\n\n${d}/sub/deep:\n`);
        expect(await ok(`ls -l ${d}`)).toMatch(/^total \d+\n-rw-r--r--  1 root root    2 .* f\ndrwxr-xr-x  3 root root 4096 .* sub\n$/);
      });
      it('-F, -i, -s, -S, -t, -1, -m', async () => {
        const d = dir();
        await ok(`mkdir ${d} && cd ${d} && mkdir sub && echo 12345 > big && echo 1 > small && chmod +x small && ln -s big link && mknod fifo p`);
        expect(await ok(`ls -F ${d}`)).toBe('big\nfifo|\nlink@\nsmall*\nsub/\n');
        expect(await ok(`ls -S ${d}/big ${d}/small`)).toBe(`${d}/big\n${d}/small\n`);
        expect(await ok(`cd ${d} && ls -m big small sub`)).toBe('big, small\n\nsub:\n');
        const inodes = await ok(`cd ${d} && ln big hard && ls -i big hard`);
        const [a, b] = inodes.trim().split('\n').map((l) => l.trim().split(' ')[0]);
        expect(a).toBe(b);
        expect(await ok(`ls -s ${d}/big`)).toMatch(/^\d+ .*big\n$/);
      });
      it('-h sizes and numeric ids', async () => {
        const d = dir();
        await ok(`mkdir ${d} && dd if=/dev/zero of=${d}/z bs=1k count=5 2>/dev/null`);
        expect(await ok(`ls -lh ${d}/z`)).toMatch(new RegExp(`^-rw-r--r--  1 root root 5\\.0K ${DATE} ${d}/z\\n$`));
        expect(await ok(`ls -ln ${d}/z`)).toMatch(/^-rw-r--r--  1 0 0 5120 /);
      });
    });

    describe('mkdir and rmdir', () => {
      it('the era messages', async () => {
        const d = dir();
        const r = await w.run(`mkdir ${d}/a/b; mkdir ${d}; mkdir ${d}; mkdir -p ${d}/a/b; rmdir ${d}; rmdir ${d}/nope`);
        expect(r.stderr).toBe(
          `mkdir: cannot create directory \`${d}/a/b': No such file or directory\n` +
            `mkdir: cannot create directory \`${d}': File exists\n` +
            `rmdir: \`${d}': Directory not empty\n` +
            `rmdir: \`${d}/nope': No such file or directory\n`,
        );
        expect(r.status).toBe(1);
      });
      it('-m, -v, -p and rmdir -p', async () => {
        const d = dir();
        expect((await w.run(`mkdir -v ${d}`)).stderr).toBe(`mkdir: created directory \`${d}'\n`);
        await ok(`mkdir -m 700 ${d}/private && mkdir -m u=rwx,g=rx,o= ${d}/g`);
        expect(await ok(`stat -c '%a %n' ${d}/private ${d}/g`)).toBe(`700 ${d}/private\n750 ${d}/g\n`);
        await ok(`mkdir -p ${d}/x/y/z && rmdir -p ${d}/x/y/z 2>/dev/null; ls ${d}`);
        expect(await ok(`ls ${d}`)).toBe('g\nprivate\n');
      });
    });

    describe('cp', () => {
      it('omits directories without -r and refuses the same file', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src && echo a > ${d}/f`);
        const r = await w.run(`cp ${d}/src ${d}/dst; cp ${d}/f ${d}/f; cp; cp ${d}/f`);
        expect(r.stderr).toBe(
          `cp: omitting directory \`${d}/src'\n` +
            `cp: \`${d}/f' and \`${d}/f' are the same file\n` +
            "cp: missing file argument\nTry `cp --help' for more information.\n" +
            "cp: missing destination file\nTry `cp --help' for more information.\n",
        );
      });
      it('-r copies trees, -a keeps modes, times, symlinks and hard links', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src/sub && cd ${d}/src && echo one > a && chmod 640 a && ln a hard && ln -s a sym && echo two > sub/b && touch -t 200401011200 a`);
        await ok(`cp -a ${d}/src ${d}/dst`);
        const listing = async (root: string) => ok(`cd ${root} && find . -printf '%p %y %m %s %l\\n' | sort`);
        expect(await listing(`${d}/dst`)).toBe(await listing(`${d}/src`));
        expect(await ok(`stat -c '%h %y' ${d}/dst/a`)).toMatch(/^2 2004-01-01 12:00:00/);
        await ok(`cp -r ${d}/src ${d}/plain`);
        // -r copies symbolic links as links (DEREF_NEVER) and does not keep hard links.
        expect(await ok(`stat -c '%h %a %F' ${d}/plain/a ${d}/plain/sym`)).toBe('1 640 regular file\n1 777 symbolic link\n');
      });
      it('-l makes hard links, -v explains, -u skips older sources', async () => {
        const d = dir();
        await ok(`mkdir ${d} && echo x > ${d}/a`);
        expect(await ok(`cp -lv ${d}/a ${d}/b`)).toBe(`\`${d}/a' -> \`${d}/b'\n`);
        expect(await ok(`stat -c %h ${d}/a`)).toBe('2\n');
        await ok(`echo new > ${d}/c && touch -d '2000-01-01' ${d}/a`);
        await ok(`cp -u ${d}/a ${d}/c`);
        expect(await ok(`cat ${d}/c`)).toBe('new\n');
      });
      it('-i asks, on standard error, and reads the answer', async () => {
        const d = dir();
        await ok(`mkdir ${d} && echo a > ${d}/a && echo b > ${d}/b`);
        const r = await w.run(`cp -i ${d}/a ${d}/b`, { stdin: 'n\n' });
        expect(r.stderr).toBe(`cp: overwrite \`${d}/b'? `);
        expect(await ok(`cat ${d}/b`)).toBe('b\n');
        await w.run(`cp -i ${d}/a ${d}/b`, { stdin: 'y\n' });
        expect(await ok(`cat ${d}/b`)).toBe('a\n');
      });
      it('into itself', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/a/b`);
        const r = await w.run(`cp -r ${d}/a ${d}/a/b`);
        expect(r.stderr).toBe(`cp: cannot copy a directory, \`${d}/a', into itself, \`${d}/a/b/a'\n`);
        expect(r.status).toBe(1);
      });
    });

    describe('mv', () => {
      it('renames, moves into directories, refuses moves into itself', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/dir && echo x > ${d}/f`);
        expect(await ok(`mv -v ${d}/f ${d}/g`)).toBe(`\`${d}/f' -> \`${d}/g'\n`);
        await ok(`mv ${d}/g ${d}/dir`);
        expect(await ok(`ls ${d}/dir`)).toBe('g\n');
        const r = await w.run(`mv ${d}/dir ${d}/dir/sub; mv ${d}/nope ${d}/x`);
        expect(r.stderr).toBe(`mv: cannot move \`${d}/dir' to a subdirectory of itself, \`${d}/dir/sub'\nmv: cannot stat \`${d}/nope': No such file or directory\n`);
        expect(r.status).toBe(1);
      });
      it('-i', async () => {
        const d = dir();
        await ok(`mkdir ${d} && echo a > ${d}/a && echo b > ${d}/b`);
        expect((await w.run(`mv -i ${d}/a ${d}/b`, { stdin: 'n\n' })).stderr).toBe(`mv: overwrite \`${d}/b'? `);
        expect(await ok(`ls ${d}`)).toBe('a\nb\n');
      });
    });

    describe('rm', () => {
      it('messages and -f', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/sub`);
        const r = await w.run(`rm ${d}/nope; rm ${d}/sub; rm -f ${d}/nope; echo $?`);
        expect(r.stdout).toBe('0\n');
        expect(r.stderr).toBe(`rm: cannot remove \`${d}/nope': No such file or directory\nrm: cannot remove \`${d}/sub': Is a directory\n`);
      });
      it('-i prompts and -r -v removes depth first', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/t/s && touch ${d}/t/s/f ${d}/keep`);
        const r = await w.run(`rm -i ${d}/keep`, { stdin: 'n\n' });
        expect(r.stderr).toBe(`rm: remove regular empty file \`${d}/keep'? `);
        expect(await ok(`rm -rv ${d}/t`)).toBe(`removed \`${d}/t/s/f'\nremoved directory: \`${d}/t/s'\nremoved directory: \`${d}/t'\n`);
        expect(await ok(`ls ${d}`)).toBe('keep\n');
        expect((await w.run(`rm -r ${d}/..`)).stderr).toBe("rm: cannot remove `.' or `..'\n");
      });
    });

    describe('touch, ln, stat', () => {
      it('touch -t, -d, -r and -c', async () => {
        const d = dir();
        await ok(`mkdir ${d} && touch -t 200501021530.45 ${d}/a && touch -d '2006-01-01 10:00' ${d}/b && touch -r ${d}/a ${d}/c && touch -c ${d}/none`);
        expect(await ok(`stat -c '%n %y' ${d}/a ${d}/b ${d}/c`)).toMatch(
          new RegExp(`^${d}/a 2005-01-02 15:30:45.000000000 [+-]\\d{4}\\n${d}/b 2006-01-01 10:00:00.000000000 [+-]\\d{4}\\n${d}/c 2005-01-02 15:30:45`),
        );
        expect(await ok(`ls ${d}`)).toBe('a\nb\nc\n');
        const r = await w.run(`touch -d 'next blursday' ${d}/x`);
        expect(r.stderr).toBe("touch: invalid date format `next blursday'\n");
      });
      it('ln: hard links keep the inode, -s, -f, File exists', async (ctx) => {
        await requires(ctx, 'readlink');
        const d = dir();
        await ok(`mkdir ${d} && echo x > ${d}/a && ln ${d}/a ${d}/b && ln -s a ${d}/s`);
        const [i1, i2] = (await ok(`stat -c %i ${d}/a ${d}/b`)).trim().split('\n');
        expect(i1).toBe(i2);
        expect(await ok(`readlink ${d}/s; cat ${d}/s`)).toBe('a\nx\n');
        const r = await w.run(`ln ${d}/a ${d}/b; ln ${d} ${d}/dirlink`);
        expect(r.stderr).toBe(`ln: \`${d}/b': File exists\nln: \`${d}': hard link not allowed for directory\n`);
        expect(await ok(`ln -sfv b ${d}/s`)).toBe(`create symbolic link \`${d}/s' to \`b'\n`);
        expect(await ok(`readlink ${d}/s`)).toBe('b\n');
      });
      it('stat layout and format', async () => {
        const out = await ok('stat /etc/passwd');
        expect(out).toMatch(
          new RegExp(
            "^  File: `/etc/passwd'\\n  Size: \\d+ +\\tBlocks: \\d+ +IO Block: 4096   regular file\\nDevice: [0-9a-f]+h/\\d+d\\tInode: \\d+ +Links: 1\\nAccess: \\(0644/-rw-r--r--\\)  Uid: \\(    0/    root\\)   Gid: \\(    0/    root\\)\\nAccess: 2006-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} [+-]\\d{4}\\nModify: .*\\nChange: .*\\n$",
          ),
        );
        expect(await ok("stat -c '%n %a %A %U %G %F' /etc /bin/sh")).toBe('/etc 755 drwxr-xr-x root root directory\n/bin/sh 777 lrwxrwxrwx root root symbolic link\n');
        const r = await w.run('stat /nonexistent');
        expect(r.stderr).toBe("stat: cannot stat `/nonexistent': No such file or directory\n");
        expect(r.status).toBe(0); // coreutils 5.2.1 never set its failure flag
      });
    });

    describe('chmod, chown, chgrp', () => {
      it('symbolic and octal modes, -R, -v, errors', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/s && touch ${d}/f ${d}/s/g`);
        expect(await ok(`chmod -v u+x,go-r ${d}/f`)).toBe(`mode of \`${d}/f' changed to 0700 (rwx------)\n`);
        await ok(`chmod 4755 ${d}/f && chmod -R a+rwX,o-w ${d}/s && chmod +t ${d}`);
        expect(await ok(`stat -c '%A %n' ${d}/f ${d}/s ${d}/s/g ${d}`)).toBe(`-rwsr-xr-x ${d}/f\ndrwxrwxr-x ${d}/s\n-rw-rw-r-- ${d}/s/g\ndrwxr-xr-t ${d}\n`);
        const r = await w.run(`chmod 999 ${d}/f; chmod u+r ${d}/nope`);
        expect(r.stderr).toBe(`chmod: invalid mode string: \`999'\nchmod: cannot access \`${d}/nope': No such file or directory\n`);
      });
      it('owners by name and number', async (ctx) => {
        await requires(ctx, 'chgrp');
        const d = dir();
        await ok(`mkdir ${d} && touch ${d}/f`);
        await ok(`chown etudiant:mysql ${d}/f`);
        expect(await ok(`stat -c '%U:%G %u:%g' ${d}/f`)).toBe('etudiant:mysql 500:27\n');
        await ok(`chgrp 0 ${d}/f && chown 99 ${d}/f`);
        expect(await ok(`stat -c '%U:%G' ${d}/f`)).toBe('nobody:root\n');
        expect(await ok(`chown -v root: ${d}/f`)).toBe(`changed ownership of \`${d}/f' to root:root\n`);
        const r = await w.run(`chown ghost ${d}/f; chgrp ghosts ${d}/f`);
        expect(r.stderr).toBe("chown: `ghost': invalid user\nchgrp: invalid group name `ghosts'\n");
        expect(await ok(`ls -l ${d}/f`)).toMatch(/^-rw-r--r--  1 root root 0 /);
      });
    });

    describe('du and df', () => {
      it('du counts blocks in KiB, hard links once', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/s && dd if=/dev/zero of=${d}/s/f bs=1k count=10 2>/dev/null && ln ${d}/s/f ${d}/s/g`);
        const lines = (await ok(`du ${d}`)).trim().split('\n');
        expect(lines).toHaveLength(2);
        const [sub, top] = lines.map((l) => Number(l.split('\t')[0]));
        expect(lines[1]!.endsWith(`\t${d}`)).toBe(true);
        expect(sub!).toBeGreaterThanOrEqual(10);
        expect(sub!).toBeLessThan(20);
        expect(top!).toBeGreaterThan(sub!);
        expect(await ok(`du -s ${d}`)).toBe(`${top}\t${d}\n`);
        expect(await ok(`du -a ${d} | grep -c /s/`)).toBe('1\n'); // the second link is not listed
        expect(await ok(`du -sh ${d}`)).toMatch(new RegExp(`^\\d+K\\t${d}\\n$`));
      });
      it('df layout', async () => {
        const out = await ok('df');
        const lines = out.split('\n');
        expect(lines[0]).toBe('Filesystem           1K-blocks      Used Available Use% Mounted on');
        expect(lines[1]).toMatch(/^\/dev\/\S+ +\d+ +\d+ +\d+ +\d+% \/$/);
        expect((await ok('df -h /')).split('\n')[0]).toBe('Filesystem            Size  Used Avail Use% Mounted on');
        expect((await ok('df -i /')).split('\n')[0]).toBe('Filesystem            Inodes   IUsed   IFree IUse% Mounted on');
        expect((await ok('df -T /')).split('\n')[1]).toMatch(/^\/dev\/\S+ +ext3 +\d+/);
        const r = await w.run('df /nonexistent');
        expect(r.stderr).toBe("df: `/nonexistent': No such file or directory\n");
      });
    });

    describe('find', () => {
      it('walks, tests and prints', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/a/b && touch ${d}/a/x.conf ${d}/a/b/y.conf ${d}/z && ln -s z ${d}/l`);
        expect(await ok(`cd ${d} && find . | sort`)).toBe('.\n./a\n./a/b\n./a/b/y.conf\n./a/x.conf\n./l\n./z\n');
        expect(await ok(`find ${d} -name '*.conf' | sort`)).toBe(`${d}/a/b/y.conf\n${d}/a/x.conf\n`);
        expect(await ok(`find ${d} -maxdepth 1 -type d`)).toBe(`${d}\n${d}/a\n`);
        expect(await ok(`find ${d} -type l`)).toBe(`${d}/l\n`);
        expect(await ok(`find ${d} -name b -prune -o -type f -print | sort`)).toBe(`${d}/a/x.conf\n${d}/z\n`);
        expect(await ok(`find ${d} \\( -name z -o -name l \\) -print | sort`)).toBe(`${d}/l\n${d}/z\n`);
        expect(await ok(`find ${d} ! -type d -name '?' | sort`)).toBe(`${d}/l\n${d}/z\n`);
        expect(await ok(`find ${d} -mindepth 2 -type f -newer ${d}/z | sort`)).toBe('');
      });
      it('-exec with ; and +, -print0, -size, -perm, -user', async () => {
        const d = dir();
        await ok(`mkdir ${d} && echo hello > ${d}/a && touch ${d}/b && chmod 600 ${d}/b`);
        expect(await ok(`find ${d} -type f -exec echo found {} \\; | sort`)).toBe(`found ${d}/a\nfound ${d}/b\n`);
        expect(await ok(`find ${d} -type f -exec echo {} + `)).toMatch(new RegExp(`^${d}/[ab] ${d}/[ab]\\n$`));
        expect(await ok(`find ${d} -size +0 -type f`)).toBe(`${d}/a\n`);
        expect(await ok(`find ${d} -perm 600`)).toBe(`${d}/b\n`);
        expect(await ok(`find ${d} -type f -user root -print0 | tr '\\0' ':'`)).toMatch(/:.*:$/);
      });
      it('errors', async () => {
        const r = await w.run('find /nonexistent; find / -frobnicate; find / -name; find / -type q; find / \\( -name x');
        expect(r.stderr).toBe(
          'find: /nonexistent: No such file or directory\n' +
            "find: invalid predicate `-frobnicate'\n" +
            "find: missing argument to `-name'\n" +
            "find: invalid argument `q' to `-type'\n" +
            'find: invalid expression\n',
        );
        expect(r.status).toBe(1);
      });
    });

    describe('dd, mknod, md5sum, readlink, pwd', () => {
      it('dd records and the three-line era summary', async () => {
        const d = dir();
        await ok(`mkdir ${d}`);
        const r = await w.run(`dd if=/dev/zero of=${d}/z bs=512 count=3`);
        expect(r.stderr).toBe('3+0 records in\n3+0 records out\n');
        expect(await ok(`stat -c %s ${d}/z`)).toBe('1536\n');
        const p = await w.run(`echo -n abcdefghij | dd bs=4 2>&1 >${d}/out`);
        expect(p.stdout).toBe('2+1 records in\n2+1 records out\n');
        expect(await ok(`dd if=${d}/out bs=1 skip=2 count=3 2>/dev/null`)).toBe('cde');
        await ok(`echo -n XY | dd of=${d}/out bs=1 seek=1 conv=notrunc 2>/dev/null`);
        expect(await ok(`cat ${d}/out`)).toBe('aXYdefghij');
        const bad = await w.run(`dd if=${d}/nope; dd bs=0`);
        expect(bad.stderr).toBe(`dd: opening \`${d}/nope': No such file or directory\ndd: invalid number \`0'\n`);
      });
      it('mknod', async () => {
        const d = dir();
        await ok(`mkdir ${d} && mknod ${d}/c c 1 3 && mknod -m 600 ${d}/b b 8 1 && mknod ${d}/p p`);
        expect(await ok(`ls -l ${d}`)).toMatch(new RegExp(`^total 0\\nbrw-------  1 root root 8, 1 ${DATE} b\\ncrw-r--r--  1 root root 1, 3 ${DATE} c\\nprw-r--r--  1 root root    0 ${DATE} p\\n$`));
        expect((await w.run(`mknod ${d}/x c 1`)).stderr).toBe("mknod: wrong number of arguments\nTry `mknod --help' for more information.\n");
      });
      it('md5sum over contents, and -c', async () => {
        const d = dir();
        await ok(`mkdir ${d} && echo -n abc > ${d}/abc`);
        expect(await ok(`md5sum ${d}/abc`)).toBe(`900150983cd24fb0d6963f7d28e17f72  ${d}/abc\n`);
        expect(await ok(`echo -n | md5sum`)).toBe('d41d8cd98f00b204e9800998ecf8427e  -\n');
        await ok(`md5sum ${d}/abc > ${d}/sums`);
        expect(await ok(`md5sum -c ${d}/sums`)).toBe(`${d}/abc: OK\n`);
        const r = await w.run(`echo changed > ${d}/abc; md5sum -c ${d}/sums`);
        expect(r.stdout).toBe(`${d}/abc: FAILED\n`);
        expect(r.stderr).toBe('md5sum: WARNING: 1 of 1 computed checksum did NOT match\n');
        expect(r.status).toBe(1);
      });
      it('readlink -f and /bin/pwd', async (ctx) => {
        await requires(ctx, 'readlink');
        const d = dir();
        await ok(`mkdir -p ${d}/real && ln -s real ${d}/link`);
        expect(await ok(`readlink -f ${d}/link`)).toBe(`${d}/real\n`);
        expect((await w.run(`readlink ${d}/real`)).status).toBe(1);
        expect(await ok(`cd ${d}/link && /bin/pwd`)).toBe(`${d}/real\n`);
      });
    });

    describe('archives', () => {
      it('tar c/t/x keeps modes, links and symlinks', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src/sub && cd ${d}/src && echo one > a && chmod 751 a && ln a hard && ln -s a sym && echo two > sub/b`);
        const c = await w.run(`cd ${d} && tar cvf ${d}/a.tar src`);
        expect(c.stdout.split('\n').sort()).toEqual(['', 'src/', 'src/a', 'src/hard', 'src/sub/', 'src/sub/b', 'src/sym']);
        expect(await ok(`stat -c %s ${d}/a.tar`)).toBe('10240\n');
        const t = await ok(`tar tvf ${d}/a.tar`);
        expect(t).toMatch(/^-rwxr-x--x root\/root +4 2006-\d\d-\d\d \d\d:\d\d:\d\d src\/a$/m);
        expect(t).toMatch(/^hrwxr-x--x root\/root +0 .* src\/hard link to src\/a$/m);
        expect(t).toMatch(/^lrwxrwxrwx root\/root +0 .* src\/sym -> a$/m);
        await ok(`mkdir ${d}/out && tar xf ${d}/a.tar -C ${d}/out`);
        const listing = async (root: string) => ok(`cd ${root} && find . -printf '%p %y %m %s %l\\n' | sort`);
        expect(await listing(`${d}/out/src`)).toBe(await listing(`${d}/src`));
        expect(await ok(`stat -c %h ${d}/out/src/a`)).toBe('2\n');
      });
      it('tar -z, leading slashes, errors', async () => {
        const d = dir();
        await ok(`mkdir ${d}`);
        const r = await w.run(`tar czf ${d}/etc.tgz /etc/passwd /etc/group`);
        expect(r.stderr).toBe("tar: Removing leading `/' from member names\n");
        expect(await ok(`tar tzf ${d}/etc.tgz`)).toBe('etc/passwd\netc/group\n');
        const e = await w.run(`tar cf ${d}/x.tar; tar xf ${d}/none.tar; tar tf ${d}/etc.tgz`);
        expect(e.stderr).toBe(
          "tar: Cowardly refusing to create an empty archive\nTry `tar --help' for more information.\n" +
            `tar: ${d}/none.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n` +
            'tar: This does not look like a tar archive\ntar: Skipping to next header\ntar: Error exit delayed from previous errors\n',
        );
        expect(e.status).toBe(2);
      });
      it('find | cpio -pdm copies a tree', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src/s && cd ${d}/src && echo 1 > f && echo 2 > s/g && touch -t 200001010000 s/g && ln -s f l`);
        const r = await w.run(`cd ${d}/src && find . | cpio -pdm ${d}/dst`);
        expect(r.stderr).toMatch(/^\d+ blocks?\n$/);
        // "." itself is skipped by cpio: the destination is made by -d, mode 0700.
        const listing = async (root: string) => ok(`cd ${root} && find . -mindepth 1 -printf '%p %y %m %s %l %TY\\n' | sort`);
        expect(await listing(`${d}/dst`)).toBe(await listing(`${d}/src`));
        expect(await ok(`stat -c %a ${d}/dst`)).toBe('700\n');
        const again = await w.run(`cd ${d}/src && find . | cpio -pdm ${d}/dst`);
        expect(again.stderr).toContain(`cpio: ${d}/dst/./f not created: newer or same age version exists\n`);
      });
      it('cpio -o and -i', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src ${d}/out && echo data > ${d}/src/f`);
        expect((await w.run(`cd ${d}/src && echo f | cpio -o -H newc > ${d}/a.cpio`)).stderr).toBe('1 block\n');
        expect(await ok(`cpio -it < ${d}/a.cpio 2>/dev/null`)).toBe('f\n');
        await ok(`cd ${d}/out && cpio -id < ${d}/a.cpio 2>/dev/null`);
        expect(await ok(`cat ${d}/out/f`)).toBe('data\n');
      });
      it('rsync: trailing slashes, -v summary, --delete', async () => {
        const d = dir();
        await ok(`mkdir -p ${d}/src/sub && echo 1 > ${d}/src/a && echo 22 > ${d}/src/sub/b`);
        const r1 = await ok(`rsync -av ${d}/src ${d}/one`);
        expect(r1).toMatch(/^building file list \.\.\. done\nsrc\/\nsrc\/a\nsrc\/sub\/\nsrc\/sub\/b\n\nsent \d+ bytes  received \d+ bytes  [\d.]+ bytes\/sec\ntotal size is 5  speedup is [\d.]+\n$/);
        await ok(`rsync -a ${d}/src/ ${d}/two`);
        expect(await ok(`ls ${d}/one ${d}/two`)).toBe(`${d}/one:\nsrc\n\n${d}/two:\na\nsub\n`);
        const again = await ok(`rsync -av ${d}/src/ ${d}/two`);
        expect(again).toMatch(/^building file list \.\.\. done\n\nsent/);
        await ok(`rm ${d}/src/a`);
        expect(await ok(`rsync -av --delete ${d}/src/ ${d}/two`)).toMatch(/^building file list \.\.\. done\ndeleting a\n\nsent/);
        const bad = await w.run(`rsync -a ${d}/nope ${d}/x`);
        expect(bad.stderr).toBe(`rsync: link_stat "${d}/nope" failed: No such file or directory (2)\nrsync error: some files could not be transferred (code 23) at main.c(702)\n`);
        expect(bad.status).toBe(23);
      });
    });

    describe('mount', () => {
      it('lists the mounts and refuses missing mount points', async () => {
        expect(await ok('mount')).toMatch(/^\/dev\/\S+ on \/ type ext3 \(rw[^)]*\)\n/);
        const r = await w.run('mount -t tmpfs none /no/such/dir');
        expect(r.stderr).toBe('mount: mount point /no/such/dir does not exist\n');
        expect(r.status).toBe(32);
        const u = await w.run('umount /tmp');
        expect(u.stderr).toBe('umount: /tmp: not mounted\n');
        expect(u.status).toBe(1);
      });
    });
  });
}

suite('file programs on the files harness', async () => bootFilesWorld({ yieldToHost }));
suite('file programs on the booted world', async () => bootTestWorld());

describe('ls on a terminal', () => {
  it('lays out columns for the terminal width and marks odd names', async () => {
    const w = await bootTestWorld();
    const t = await w.terminal({ cols: 60, rows: 24 });
    t.take();
    await t.type('mkdir /tmp/tty && cd /tmp/tty && touch one two three four five six seven eight nine ten\r');
    t.take();
    await t.type('ls\r');
    const screen = t.take().replace(/\r/g, '');
    expect(screen).toContain('eight  five  four  nine  one  seven  six  ten  three  two\n');
    await t.type('COLUMNS=20 ls -C /tmp/tty\r');
    const narrow = t.take().replace(/\r/g, '');
    // The terminal's width (60) wins over COLUMNS, as TIOCGWINSZ does.
    expect(narrow).toContain('eight  five  four  nine  one  seven  six  ten  three  two\n');
  }, 60_000);
});

describe('cp -a copies any tree exactly (property)', () => {
  it('random trees', async () => {
    const w = bootFilesWorld({ yieldToHost });
    const name = fc.stringMatching(/^[a-z]{1,6}$/);
    type Node = { kind: 'file'; name: string; text: string; mode: number } | { kind: 'dir'; name: string; children: Node[] } | { kind: 'link'; name: string; target: string };
    const tree: fc.Arbitrary<Node[]> = fc.letrec<{ nodes: Node[]; node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ kind: fc.constant('file' as const), name, text: fc.string({ maxLength: 40 }).map((s) => s.replace(/[^ -~]/g, 'x')), mode: fc.constantFrom(0o644, 0o600, 0o755, 0o4755, 0o640) }),
        fc.record({ kind: fc.constant('link' as const), name, target: name }),
        fc.record({ kind: fc.constant('dir' as const), name, children: tie('nodes') }),
      ),
      nodes: fc.uniqueArray(tie('node'), { maxLength: 4, selector: (n) => n.name }),
    })).nodes;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (nodes) => {
        const root = `/tmp/prop${++run}`;
        const cmds: string[] = [`mkdir ${root}`];
        const build = (dir: string, list: Node[]) => {
          for (const n of list) {
            const p = `${dir}/${n.name}`;
            if (n.kind === 'file') cmds.push(`printf '%s' '${n.text.replace(/'/g, '')}' > ${p}`, `chmod ${n.mode.toString(8)} ${p}`, `touch -t 200301020304 ${p}`);
            else if (n.kind === 'link') cmds.push(`ln -s ${n.target} ${p}`);
            else {
              cmds.push(`mkdir ${p}`);
              build(p, n.children);
            }
          }
        };
        cmds.push(`mkdir ${root}/src`);
        build(`${root}/src`, nodes);
        const setup = await w.run(cmds.join(' && '));
        expect(setup.stderr).toBe('');
        const copy = await w.run(`cp -a ${root}/src ${root}/dst`);
        expect(copy.stderr).toBe('');
        const list = (p: string) => w.run(`cd ${p} && find . -printf '%p %y %m %s %l %T@ %u %g\\n' | sort`);
        const [a, b] = [await list(`${root}/src`), await list(`${root}/dst`)];
        expect(b.stdout).toBe(a.stdout);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
