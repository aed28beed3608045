/**
 * vuname — util-vserver 0.30 (reference §7): a context's virtualised system names.
 *
 *   # vuname --xid 33 -s -t NODENAME=marseille.jres.org
 *   # vuname --xid 33 -g nodename
 *   marseille.jres.org
 *
 * Tags match case-insensitively by prefix, in the order CONTEXT, SYSNAME, NODENAME, RELEASE,
 * VERSION, MACHINE, DOMAINNAME (so `n` is NODENAME and `v` VERSION). A name the context did not
 * set is the host's.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { VHI_FIELDS, type VhiField } from '../../../kernel/vserver/context.js';
import { defineProgram } from '../../registry.js';
import { runUvTool, type UvTool } from '../../vserver-fs/lib/frame.js';
import { execProgram } from '../lib/exec.js';
import { xidFromOption } from '../../vserver-fs/lib/xid-option.js';
import { PACKAGE_BUGREPORT } from '../manage/paths.js';

const OPTIONS = [
  { long: 'help' },
  { long: 'version' },
  { key: 'get', short: 'g', long: 'get' },
  { key: 'set', short: 's', long: 'set' },
  { key: 'xid', short: 'x', long: 'xid', arg: 'required' as const },
  { key: 'tag', short: 't', arg: 'required' as const },
  { long: 'dir', arg: 'required' as const },
  { long: 'missingok' },
];

const help = (argv0: string) =>
  `Usage:  ${argv0} [-g] --xid <xid> <TAG>*\n` +
  `  or:  ${argv0} -s --xid <xid> -t <TAG>=<VALUE> [--] [<command> <args>*]\n` +
  `  or:  ${argv0} --dir <dir> --xid <xid> [--missingok] [--] [<command> <args>*]\n\n` +
  ' Options:\n' +
  '   -g          ...  get and print the value\n' +
  '   -s          ...  set the value\n\n' +
  'Valid TAGs are:\n' +
  '   CONTEXT, SYSNAME, NODENAME, RELEASE, VERSION, MACHINE, DOMAINNAME\n\n' +
  `Please report bugs to ${PACKAGE_BUGREPORT}\n`;

/** The tag a (prefix of a) name means, in the table's order. */
export function tagOf(text: string): VhiField | undefined {
  if (text === '') return undefined;
  const upper = text.toUpperCase();
  return VHI_FIELDS.find((f) => f.startsWith(upper));
}

/** A context's value, or the host's when the context keeps it. */
function valueOf(proc: Process, xid: number, tag: VhiField): string {
  const own = xid >= 2 ? proc.vx.getName(xid, tag) : undefined;
  if (own !== undefined) return own;
  if (tag === 'CONTEXT') return '';
  const u = proc.uname();
  const host: Record<Exclude<VhiField, 'CONTEXT'>, string> = { SYSNAME: u.sysname, NODENAME: u.nodename, RELEASE: u.release, VERSION: u.version, MACHINE: u.machine, DOMAINNAME: u.domainname };
  return host[tag];
}

async function vuname(tool: UvTool): Promise<number> {
  const { options, operands } = await tool.options(OPTIONS, `Try '${tool.argv0} --help' for more information.\n`, 255, true);
  const proc = tool.proc;
  let xid: number | undefined;
  let set = false;
  let dir: string | undefined;
  let missingOk = false;
  const assignments: Array<[VhiField, string]> = [];
  for (const o of options) {
    switch (o.key) {
      case 'help':
        tool.help(help(tool.argv0));
        break;
      case 'version':
        tool.version('modifies and shows uname entries of vserver contexts', 2004);
        break;
      case 'get':
        set = false;
        break;
      case 'set':
        set = true;
        break;
      case 'dir':
        dir = o.value;
        set = true;
        break;
      case 'missingok':
        missingOk = true;
        break;
      case 'xid':
        try {
          xid = await xidFromOption(proc, o.value!);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          await tool.fail(`vuname: vc_xidopt2xid("${o.value}"): ${e.message}\n`, 255);
        }
        break;
      case 'tag': {
        const eq = o.value!.indexOf('=');
        const tag = tagOf(eq < 0 ? o.value! : o.value!.slice(0, eq));
        if (!tag || eq < 0) await tool.fail(`Tag '${eq < 0 ? o.value : o.value!.slice(0, eq)}' not recognized\n`, 255);
        assignments.push([tag!, o.value!.slice(eq + 1)]);
        break;
      }
    }
  }
  if (xid === undefined) return tool.fail("No context specified; try '--help' for more information\n", 255);

  if (!set) {
    const tags: VhiField[] = [];
    for (const t of operands) {
      const tag = tagOf(t);
      if (!tag) return tool.fail(`Tag '${t}' not recognized\n`, 255);
      tags.push(tag);
    }
    const wanted = tags.length > 0 ? tags : [...VHI_FIELDS];
    const values = wanted.map((tag) => {
      try {
        return valueOf(proc, xid!, tag);
      } catch (e) {
        if (e instanceof SyscallError) return '???';
        throw e;
      }
    });
    tool.print(`${values.join(' ')}\n`);
    return 0;
  }

  if (dir !== undefined) {
    try {
      if (proc.fs.stat(dir).type !== 'dir') throw new SyscallError('ENOTDIR');
      for (const tag of VHI_FIELDS) {
        try {
          assignments.push([tag, (await proc.readFile(`${dir}/${tag.toLowerCase()}`)).replace(/\n+$/, '')]);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
        }
      }
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (!missingOk) return tool.fail(`vuname: fstat("${dir}"): ${e.message}\n`, 255);
    }
  }
  for (const [tag, value] of assignments) {
    try {
      proc.vx.setName(xid, tag, value);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`vuname: vc_set_vhi_name(): ${e.message}\n`, 255);
    }
  }
  if (operands.length === 0) return 0;
  return execProgram(tool, operands, 'vuname');
}

defineProgram({
  name: 'vuname',
  options: ['--get', '--set', '--xid', '--dir', '--missingok', '--help', '--version'],
  main: (proc) => runUvTool(proc, 'vuname', vuname),
});
