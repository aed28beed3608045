/**
 * vsched — util-vserver 0.30 (reference §9.7): the token bucket of a context's hard CPU
 * scheduler (fill-rate tokens every interval jiffies, up to tokens-max; on hold below zero until
 * tokens-min). The share fill-rate/interval is enforced when the context has sched_hard.
 *
 *   # vsched --xid 33 --fill-rate 1 --interval 4 --tokens 100 --tokens-min 50 --tokens-max 200
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { SchedBucket } from '../../../kernel/vserver/context.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

type Field = keyof Omit<SchedBucket, 'ticks' | 'holdTicks' | 'updatedMs'>;

/** Option spellings → the bucket field and the name vsched's messages use. */
const FIELDS: Array<{ longs: string[]; field?: Field; internal: string }> = [
  { longs: ['fill-rate', 'fill_rate'], field: 'fillRate', internal: 'fill_rate' },
  { longs: ['interval'], field: 'interval', internal: 'interval' },
  { longs: ['tokens'], field: 'tokens', internal: 'tokens' },
  { longs: ['tokens-min', 'tokens_min'], field: 'tokensMin', internal: 'tokens_min' },
  { longs: ['tokens-max', 'tokens_max'], field: 'tokensMax', internal: 'tokens_max' },
  { longs: ['prio-bias', 'prio_bias', 'priority-bias'], field: 'prioBias', internal: 'prio_bias' },
  { longs: ['fill-rate2', 'fill_rate2'], internal: 'fill_rate2' },
  { longs: ['interval2'], internal: 'interval2' },
  { longs: ['cpu-id', 'cpu_id'], internal: 'cpu_id' },
  { longs: ['bucket-id', 'bucket_id'], internal: 'bucket_id' },
  { longs: ['idle-time', 'idle_time'], internal: 'idle_time' },
];

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { long: 'xid', arg: 'required' as const },
  { long: 'dir', arg: 'required' as const },
  { long: 'missingok' },
  { long: 'force' },
  { key: 'cpu_mask', long: 'cpu_mask', arg: 'required' as const },
  ...FIELDS.flatMap((f) => f.longs.map((l) => ({ key: `field:${f.internal}`, long: l, arg: 'required' as const }))),
];

async function vsched(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help" for more information.\n`, 255, true);
  const proc = tool.proc;
  let xid: number | undefined;
  const values: Partial<Record<Field, number>> = {};
  let anything = false;
  let dir: string | undefined;
  let missingOk = false;
  for (const o of options) {
    if (o.key === 'help') tool.help(`Usage: ${tool.argv0} [--xid <xid>] <sched options>* [--dir <dir>] [--] [<command> <args>*]\n\nPlease report bugs to ${PACKAGE_BUGREPORT}\n`);
    else if (o.key === 'version') tool.version('modify scheduling parameters', 2003);
    else if (o.key === 'cpu_mask') await tool.err("vsched: WARNING: the '--cpu_mask' parameter is deprecated and will not have any effect\n");
    else if (o.key === 'dir') dir = o.value;
    else if (o.key === 'missingok') missingOk = true;
    else if (o.key === 'force') anything = true;
    else if (o.key === 'xid') {
      try {
        xid = await xidFromOption(proc, o.value!);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fail(`vsched: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
      }
    } else if (o.key.startsWith('field:')) {
      const def = FIELDS.find((f) => f.internal === o.key.slice(6))!;
      if (!/^-?\d+$/.test(o.value!)) return tool.fail(`vsched: non-integer value specified for '--${def.internal}'\n`, 255);
      if (def.field) values[def.field] = Number(o.value);
      anything = true;
    }
  }
  if (dir !== undefined) {
    for (const def of FIELDS) {
      if (!def.field || values[def.field] !== undefined) continue;
      let text: string;
      try {
        text = (await proc.readFile(`${dir}/${def.longs[0]}`)).trim();
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        if (e.code === 'ENOENT' && (missingOk || proc.fs.stat(dir))) continue;
        return tool.fail(`vsched: ${dir}: ${e.message}\n`, 255);
      }
      if (!/^-?\d+$/.test(text)) return tool.fail(`vsched: ${dir}/${def.longs[0]}: is not an integer\n`, 255);
      values[def.field] = Number(text);
      anything = true;
    }
  }
  if (!anything && operands.length === 0) return tool.fail("Neither an option nor a program was specified; try '--help' for more information\n", 255);
  if (xid === undefined && operands.length === 0) return tool.fail("Without a program, '--xid' must be used; try '--help' for more information\n", 255);
  if (anything) {
    try {
      proc.vx.setSched(xid ?? proc.vx.xid, values);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vc_set_sched(): ${e.message}\n`, 255);
    }
  }
  if (operands.length === 0) return 0;
  return execProgram(tool, operands, 'vsched');
}

defineProgram({
  name: 'vsched',
  options: ['--xid', '--fill-rate', '--interval', '--tokens', '--tokens-min', '--tokens-max', '--prio-bias', '--dir', '--missingok', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vsched', vsched),
});
