/**
 * /etc/passwd and /etc/group as getpwnam/getpwuid/getgrgid/getgrouplist see them, read once per
 * program run through the caller's root (a guest reads its own files).
 */
import type { Process } from '../../kernel/process.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export class Accounts {
  private constructor(
    readonly users: readonly PasswdEntry[],
    readonly groups: readonly GroupEntry[],
  ) {}

  static async load(proc: Process): Promise<Accounts> {
    const users: PasswdEntry[] = [];
    const groups: GroupEntry[] = [];
    for (const line of await readLines(proc, '/etc/passwd')) {
      const f = line.split(':');
      if (f.length < 4 || f[0] === '' || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
      users.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' });
    }
    for (const line of await readLines(proc, '/etc/group')) {
      const f = line.split(':');
      if (f.length < 3 || f[0] === '' || !/^\d+$/.test(f[2]!)) continue;
      groups.push({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) });
    }
    return new Accounts(users, groups);
  }

  /** An empty database (no /etc files readable): every lookup fails, numbers are printed. */
  static empty(): Accounts {
    return new Accounts([], []);
  }

  userById(uid: number): PasswdEntry | undefined {
    return this.users.find((u) => u.uid === uid);
  }

  userByName(name: string): PasswdEntry | undefined {
    return this.users.find((u) => u.name === name);
  }

  groupById(gid: number): GroupEntry | undefined {
    return this.groups.find((g) => g.gid === gid);
  }

  groupByName(name: string): GroupEntry | undefined {
    return this.groups.find((g) => g.name === name);
  }

  /** The user's name, or the number as text. */
  userName(uid: number): string {
    return this.userById(uid)?.name ?? String(uid);
  }

  groupName(gid: number): string {
    return this.groupById(gid)?.name ?? String(gid);
  }

  /** getgrouplist(): the primary group first, then every group listing the user, in file order. */
  groupList(user: string, primary: number): number[] {
    const list = [primary];
    for (const g of this.groups) if (g.members.includes(user) && !list.includes(g.gid)) list.push(g.gid);
    return list;
  }

  /** A user given by name or number (procps: a number that is not a name is a uid). */
  resolveUser(spec: string): number | undefined {
    const byName = this.userByName(spec);
    if (byName) return byName.uid;
    return /^\d+$/.test(spec) ? Number(spec) : undefined;
  }

  resolveGroup(spec: string): number | undefined {
    const byName = this.groupByName(spec);
    if (byName) return byName.gid;
    return /^\d+$/.test(spec) ? Number(spec) : undefined;
  }
}

async function readLines(proc: Process, path: string): Promise<string[]> {
  try {
    return (await proc.readFile(path)).split('\n');
  } catch {
    return [];
  }
}
