/**
 * Who and where am I: id, whoami, groups (coreutils 5.2.1), uname (coreutils, with Red Hat's
 * processor and platform answers) and hostname (net-tools 1.60). Names come from the caller's
 * /etc/passwd and /etc/group, the node name from uname(2), which Linux-VServer virtualises.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { MSG, COREUTILS_BUG_FOOTER } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';
import { defineProgram } from '../registry.js';
import { Accounts } from './accounts.js';

const HELP_OPTS = '      --help     display this help and exit\n      --version  output version information and exit\n';

// ----- id ---------------------------------------------------------------------------------------

const ID_SPEC: ToolSpec = {
  name: 'id',
  suite: 'coreutils',
  authors: 'Arnold Robbins and David MacKenzie',
  help:
    'Usage: id [OPTION]... [USERNAME]\n' +
    'Print information for USERNAME, or the current user.\n\n' +
    '  -a              ignore, for compatibility with other versions\n' +
    '  -g, --group     print only the effective group ID\n' +
    '  -G, --groups    print all group IDs\n' +
    '  -n, --name      print a name instead of a number, for -ugG\n' +
    '  -r, --real      print the real ID instead of the effective ID, with -ugG\n' +
    '  -u, --user      print only the effective user ID\n' +
    HELP_OPTS +
    '\nWithout any OPTION, print some useful set of identified information.\n' +
    COREUTILS_BUG_FOOTER,
  options: [
    { short: 'a' },
    { short: 'g', long: 'group' },
    { short: 'G', long: 'groups' },
    { short: 'n', long: 'name' },
    { short: 'r', long: 'real' },
    { short: 'u', long: 'user' },
  ],
};

interface Ids {
  ruid: number;
  euid: number;
  rgid: number;
  egid: number;
  /** getgroups() for the caller, getgrouplist() for a named user. */
  groups: number[];
}

/** id's lines (pure apart from the account database). Returns the text and whether a name was missing. */
export function formatId(db: Accounts, ids: Ids, mode: { user?: boolean; group?: boolean; groups?: boolean; name?: boolean; real?: boolean }): { text: string; errors: string[] } {
  const errors: string[] = [];
  const user = (uid: number) => {
    if (!mode.name) return String(uid);
    const u = db.userById(uid);
    if (!u) errors.push(`cannot find name for user ID ${uid}`);
    return u ? u.name : String(uid);
  };
  const group = (gid: number) => {
    if (!mode.name) return String(gid);
    const g = db.groupById(gid);
    if (!g) errors.push(`cannot find name for group ID ${gid}`);
    return g ? g.name : String(gid);
  };
  if (mode.user) return { text: user(mode.real ? ids.ruid : ids.euid) + '\n', errors };
  if (mode.group) return { text: group(mode.real ? ids.rgid : ids.egid) + '\n', errors };
  if (mode.groups) {
    const list = [group(ids.rgid)];
    if (ids.egid !== ids.rgid) list.push(group(ids.egid));
    for (const g of ids.groups) if (g !== ids.rgid && g !== ids.egid) list.push(group(g));
    return { text: list.join(' ') + '\n', errors };
  }
  const named = (n: number, entry: { name: string } | undefined) => `${n}${entry ? `(${entry.name})` : ''}`;
  let s = `uid=${named(ids.ruid, db.userById(ids.ruid))} gid=${named(ids.rgid, db.groupById(ids.rgid))}`;
  if (ids.euid !== ids.ruid) s += ` euid=${named(ids.euid, db.userById(ids.euid))}`;
  if (ids.egid !== ids.rgid) s += ` egid=${named(ids.egid, db.groupById(ids.egid))}`;
  if (ids.groups.length > 0) s += ' groups=' + ids.groups.map((g) => named(g, db.groupById(g))).join(',');
  return { text: s + '\n', errors };
}

function idsOf(proc: Process): Ids {
  const c = proc.task.cred;
  return { ruid: c.uid, euid: c.euid, rgid: c.gid, egid: c.egid, groups: [...c.groups] };
}

defineProgram({
  name: 'id',
  vszKb: 3900,
  rssKb: 560,
  options: ['-a', '-g', '-G', '-n', '-r', '-u', '--help', '--version'],
  main: (proc) =>
    runTool(proc, ID_SPEC, async (tool, parsed) => {
      const has = (k: string) => parsed.options.some((o) => o.key === k);
      const mode = { user: has('u'), group: has('g'), groups: has('G'), name: has('n'), real: has('r') };
      const only = Number(mode.user) + Number(mode.group) + Number(mode.groups);
      if (only > 1) return tool.fatal('cannot print only user and only group');
      if (only === 0 && (mode.real || mode.name)) return tool.fatal('cannot print only names or real IDs in default format');
      if (parsed.operands.length > 1) return tool.usageError(MSG.extraOperand(parsed.operands[1]!));
      const db = await Accounts.load(proc);
      let ids = idsOf(proc);
      if (parsed.operands.length === 1) {
        const u = db.userByName(parsed.operands[0]!);
        if (!u) return tool.fatal(`${parsed.operands[0]}: No such user`);
        ids = { ruid: u.uid, euid: u.uid, rgid: u.gid, egid: u.gid, groups: db.groupList(u.name, u.gid) };
      }
      const { text, errors } = formatId(db, ids, mode);
      for (const e of errors) await tool.warn(e);
      tool.out.put(text);
      return errors.length ? 1 : 0;
    }),
});

// ----- whoami, groups ---------------------------------------------------------------------------

const WHOAMI_SPEC: ToolSpec = {
  name: 'whoami',
  suite: 'coreutils',
  authors: 'Richard Mlynarik',
  help: 'Usage: whoami [OPTION]...\nPrint the user name associated with the current effective user id.\nSame as id -un.\n\n' + HELP_OPTS + COREUTILS_BUG_FOOTER,
  options: [],
};

defineProgram({
  name: 'whoami',
  vszKb: 3600,
  rssKb: 440,
  main: (proc) =>
    runTool(proc, WHOAMI_SPEC, async (tool, parsed) => {
      if (parsed.operands.length > 0) return tool.usageError(MSG.extraOperand(parsed.operands[0]!));
      const uid = proc.task.cred.euid;
      const u = (await Accounts.load(proc)).userById(uid);
      if (!u) return tool.fatal(`cannot find username for UID ${uid}`);
      tool.out.put(u.name + '\n');
      return 0;
    }),
});

const GROUPS_USAGE =
  'Usage: groups [OPTION]... [USERNAME]...\n\n' +
  '  --help      display this help and exit\n' +
  '  --version   output version information and exit\n\n' +
  'Same as id -Gn.  If no USERNAME, use current process.\n\n' +
  'Report bugs to <bug-coreutils@gnu.org>.\n';

/** groups is a shell script around `id -Gn` in coreutils 5.2.1. */
defineProgram({
  name: 'groups',
  vszKb: 4400,
  rssKb: 1100,
  async main(proc) {
    const args = proc.argv.slice(1);
    if (args.length === 1 && args[0] === '--help') {
      await proc.out(GROUPS_USAGE);
      return 0;
    }
    if (args.length === 1 && args[0] === '--version') {
      await proc.out('groups (coreutils) 5.2.1\n');
      return 0;
    }
    const db = await Accounts.load(proc);
    const names = (ids: Ids) => formatId(db, ids, { groups: true, name: true });
    if (args.length === 0) {
      const { text, errors } = names(idsOf(proc));
      for (const e of errors) await proc.err(`id: ${e}\n`);
      await proc.out(text);
      return errors.length ? 1 : 0;
    }
    let fail = 0;
    for (const name of args) {
      const u = db.userByName(name);
      if (!u) {
        await proc.err(`id: ${name}: No such user\n`);
        fail = 1;
        continue;
      }
      const { text } = names({ ruid: u.uid, euid: u.uid, rgid: u.gid, egid: u.gid, groups: db.groupList(u.name, u.gid) });
      // `echo $name : $groups` (the backquotes drop the newline, echo adds one)
      await proc.out(`${name} : ${text.trim()}\n`);
    }
    return fail;
  },
});

// ----- uname ------------------------------------------------------------------------------------

const UNAME_SPEC: ToolSpec = {
  name: 'uname',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  help:
    'Usage: uname [OPTION]...\nPrint certain system information.  With no OPTION, same as -s.\n\n' +
    '  -a, --all                print all information, in the following order:\n' +
    '  -s, --kernel-name        print the kernel name\n' +
    '  -n, --nodename           print the network node hostname\n' +
    '  -r, --kernel-release     print the kernel release\n' +
    '  -v, --kernel-version     print the kernel version\n' +
    '  -m, --machine            print the machine hardware name\n' +
    '  -p, --processor          print the processor type\n' +
    '  -i, --hardware-platform  print the hardware platform\n' +
    '  -o, --operating-system   print the operating system\n' +
    HELP_OPTS +
    COREUTILS_BUG_FOOTER,
  options: [
    { short: 'a', long: 'all' },
    { short: 's', long: 'kernel-name' },
    { short: 's', long: 'sysname' },
    { short: 'n', long: 'nodename' },
    { short: 'r', long: 'kernel-release' },
    { short: 'r', long: 'release' },
    { short: 'v', long: 'kernel-version' },
    { short: 'm', long: 'machine' },
    { short: 'p', long: 'processor' },
    { short: 'i', long: 'hardware-platform' },
    { short: 'o', long: 'operating-system' },
  ],
};

/** The hardware platform Red Hat's uname reports for a machine name (i686 → i386). */
function hardwarePlatform(machine: string): string {
  return /^i[3-6]86$/.test(machine) ? 'i386' : machine;
}

defineProgram({
  name: 'uname',
  vszKb: 3600,
  rssKb: 420,
  options: ['-a', '-s', '-n', '-r', '-v', '-m', '-p', '-i', '-o', '--help', '--version'],
  main: (proc) =>
    runTool(proc, UNAME_SPEC, async (tool, parsed) => {
      if (parsed.operands.length > 0) return tool.usageError(MSG.extraOperand(parsed.operands[0]!));
      const u = proc.uname();
      let keys = new Set(parsed.options.map((o) => o.key));
      if (keys.has('a')) keys = new Set(['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o']);
      if (keys.size === 0) keys.add('s');
      const fields: [string, string][] = [
        ['s', u.sysname],
        ['n', u.nodename],
        ['r', u.release],
        ['v', u.version],
        ['m', u.machine],
        ['p', u.machine],
        ['i', hardwarePlatform(u.machine)],
        ['o', 'GNU/Linux'],
      ];
      tool.out.put(fields.filter(([k]) => keys.has(k)).map(([, v]) => v).join(' ') + '\n');
      return 0;
    }),
});

// ----- hostname (net-tools 1.60) -------------------------------------------------------------------

const HOSTNAME_USAGE = `Usage: hostname [-v] {hostname|-F file}      set hostname (from file)
       domainname [-v] {nisdomain|-F file}   set NIS domainname (from file)
       hostname [-v] [-d|-f|-s|-a|-i|-y|-n]  display formatted name
       hostname [-v]                         display hostname

       hostname -V|--version|-h|--help       print info and exit

    dnsdomainname=hostname -d, {yp,nis,}domainname=hostname -y

    -s, --short           short host name
    -a, --alias           alias names
    -i, --ip-address      addresses for the hostname
    -f, --fqdn, --long    long host name (FQDN)
    -d, --domain          DNS domain name
    -y, --yp, --nis       NIS/YP domainname
    -F, --file            read hostname or NIS domainname from given file

   This command can read or set the hostname or the NIS domainname. You can
   also read the DNS domain or the FQDN. Unless you are using bind or NIS for
   host lookups you can change the FQDN (Fully Qualified Domain Name) and the
   DNS domain name (which is part of the FQDN) in the /etc/hosts file.
`;

interface HostEntry {
  name: string;
  aliases: string[];
  addresses: string[];
}

/** gethostbyname() through /etc/hosts: the first line naming the host (canonical name or alias). */
export function lookupHosts(hostsText: string, name: string): HostEntry | undefined {
  const want = name.toLowerCase();
  for (const raw of hostsText.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addr, canonical, ...aliases] = line.split(/\s+/);
    if (!addr || !canonical) continue;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(addr)) continue;
    if ([canonical, ...aliases].some((n) => n.toLowerCase() === want)) return { name: canonical, aliases, addresses: [addr] };
  }
  return undefined;
}

async function hostnameMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  let what: 'show' | 's' | 'f' | 'd' | 'a' | 'i' | 'y' = 'show';
  let file: string | undefined;
  let verbose = false;
  const operands: string[] = [];
  const longs: Record<string, string> = {
    short: 's', alias: 'a', 'ip-address': 'i', fqdn: 'f', long: 'f', domain: 'd', yp: 'y', nis: 'y', file: 'F', verbose: 'v', version: 'V', help: 'h',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    const letters = arg.startsWith('--') ? [longs[arg.slice(2).split('=')[0]!] ?? '?'] : [...arg.slice(1)];
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!;
      switch (c) {
        case 's':
        case 'f':
        case 'd':
        case 'a':
        case 'i':
        case 'y':
          what = c;
          break;
        case 'n':
          what = 'y';
          break;
        case 'v':
          verbose = true;
          break;
        case 'F':
          file = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : letters.slice(j + 1).join('') || args[++i];
          j = letters.length;
          break;
        case 'V':
          await proc.err('net-tools 1.60\nhostname 1.100 (2001-04-14)\n');
          return 0;
        case 'h':
          await proc.out(HOSTNAME_USAGE);
          return 0;
        default:
          if (!arg.startsWith('--')) await proc.err(`hostname: invalid option -- ${c}\n`);
          else await proc.err(`hostname: unrecognized option \`${arg}'\n`);
          await proc.err(HOSTNAME_USAGE);
          return 1;
      }
    }
  }
  let newName: string | undefined = operands[0];
  if (file !== undefined) {
    try {
      const text = await proc.readFile(file);
      newName = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`hostname: ${file}: ${e.message}\n`);
      return 1;
    }
    if (newName === undefined) return 0;
  }
  if (newName !== undefined) {
    if (verbose) await proc.err(`Setting hostname to \`${newName}'\n`);
    try {
      proc.host.setHostname(proc.task, newName);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      if (e.code === 'EPERM') await proc.err('hostname: you must be root to change the host name\n');
      else if (e.code === 'EINVAL') await proc.err('hostname: name too long\n');
      else await proc.err(`hostname: ${e.message}\n`);
      return 1;
    }
    return 0;
  }
  const node = proc.uname().nodename;
  if (verbose) await proc.err('gethostname()=`' + node + "'\n");
  if (what === 'show') {
    await proc.out(node + '\n');
    return 0;
  }
  if (what === 'y') {
    const domain = proc.uname().domainname;
    if (!domain || domain === '(none)') {
      await proc.err('hostname: Local domain name not set\n');
      return 1;
    }
    await proc.out(domain + '\n');
    return 0;
  }
  let hosts = '';
  try {
    hosts = await proc.readFile('/etc/hosts');
  } catch {
    // no hosts file: the lookup fails
  }
  const entry = lookupHosts(hosts, node);
  if (verbose) await proc.err(`Resolving \`${node}' ...\n`);
  if (!entry) {
    await proc.err('hostname: Unknown host\n');
    return 1;
  }
  if (verbose) await proc.err(`Result: h_name=\`${entry.name}'\n`);
  const dot = entry.name.indexOf('.');
  switch (what) {
    case 's':
      await proc.out((dot >= 0 ? entry.name.slice(0, dot) : entry.name) + '\n');
      break;
    case 'f':
      await proc.out(entry.name + '\n');
      break;
    case 'd':
      if (dot >= 0) await proc.out(entry.name.slice(dot + 1) + '\n');
      break;
    case 'a':
      await proc.out(entry.aliases.map((a) => a + ' ').join('') + '\n');
      break;
    case 'i':
      await proc.out(entry.addresses.map((a) => a + ' ').join('') + '\n');
      break;
  }
  return 0;
}

defineProgram({ name: 'hostname', main: hostnameMain, vszKb: 1700, rssKb: 400, options: ['-s', '-f', '-d', '-a', '-i', '-y', '-F', '-v', '-V'] });
