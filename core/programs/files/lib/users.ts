/**
 * User and group names from /etc/passwd and /etc/group of the process's root (a guest sees its
 * own files), as getpwuid/getgrgid/getpwnam/getgrnam would. Read once per program run.
 */
import type { Process } from '../../../kernel/process.js';

export interface UserEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export class UserDb {
  private users: UserEntry[] | undefined;
  private groups: { name: string; gid: number; members: string[] }[] | undefined;

  constructor(private readonly proc: Process) {}

  private async load(): Promise<void> {
    if (this.users) return;
    this.users = [];
    this.groups = [];
    try {
      for (const line of (await this.proc.readFile('/etc/passwd')).split('\n')) {
        const f = line.split(':');
        if (f.length < 4 || f[0] === '' || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
        this.users.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' });
      }
    } catch {
      // no passwd file: numbers only
    }
    try {
      for (const line of (await this.proc.readFile('/etc/group')).split('\n')) {
        const f = line.split(':');
        if (f.length < 3 || f[0] === '' || !/^\d+$/.test(f[2]!)) continue;
        this.groups.push({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) });
      }
    } catch {
      // no group file
    }
  }

  async userName(uid: number): Promise<string | undefined> {
    await this.load();
    return this.users!.find((u) => u.uid === uid)?.name;
  }

  async groupName(gid: number): Promise<string | undefined> {
    await this.load();
    return this.groups!.find((g) => g.gid === gid)?.name;
  }

  async user(name: string): Promise<UserEntry | undefined> {
    await this.load();
    return this.users!.find((u) => u.name === name);
  }

  async gid(name: string): Promise<number | undefined> {
    await this.load();
    return this.groups!.find((g) => g.name === name)?.gid;
  }
}
