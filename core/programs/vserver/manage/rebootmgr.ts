/**
 * rebootmgr (util-vserver's legacy reboot manager): writes its pid file and waits for the
 * vreboot requests of era-A guests, which this lab does not have — so it just waits.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { idleForever } from '../../daemons/daemons.js';
import { defineProgram } from '../../registry.js';
import { writeText } from './files.js';

defineProgram({
  name: 'rebootmgr',
  vszKb: 1480,
  rssKb: 376,
  async main(proc) {
    const args = proc.argv.slice(1);
    if (args.length < 1) {
      await proc.err('rebootmgr [ --pidfile file ] virtual-server-name ...\n');
      return 1;
    }
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--pidfile') {
        const file = args[++i] ?? '';
        try {
          await writeText(proc, file, `${proc.pid}\n`);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await proc.err(`Can't open pidfile ${file} (${e.message})\n`);
        }
      } else if (args[i] === '--') break;
      else if (args[i]!.startsWith('-')) await proc.err(`Invalid argument ${args[i]}\n`);
    }
    return idleForever(proc);
  },
});
