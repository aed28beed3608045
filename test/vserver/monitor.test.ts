/** vserver-stat and vps on the seed host (reference §9.1, §9.2). */
import { describe, expect, it } from 'vitest';
import { bootTestWorld } from '../support/world.js';

describe('vserver-stat and vps', () => {
  it('vserver-stat: one row per context, the host as root server, the seed column layout', async () => {
    const w = await bootTestWorld();
    await w.run('chcontext --silent --xid 33 nc -l -p 5033 &');
    const r = await w.run('vserver-stat');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME');
    // Columns: xid at 0, processes ending at 9, VSZ and RSS in 7, three times in 10, the name at 55.
    expect(lines[1]).toMatch(/^0 +\d+ +[\d.]+M +[\d.]+M +0m\d\ds\d\d +0m\d\ds\d\d +\d+m\d\ds\d\d root server$/);
    expect(lines[1]!.indexOf('root server')).toBe(55);
    expect(lines[2]).toMatch(/^33 {7}1 +[\d.]+M +\d+K +0m00s00 +0m00s00 +\d+m\d\ds\d\d $/);
    expect(lines[2]).toHaveLength(55);
    expect(lines).toHaveLength(4);
    expect(await w.run('vserver-stat extra')).toEqual({ stdout: '', stderr: "Unknown parameter, use '--help' for more information\n", status: 1 });
  });

  it('vps: the CONTEXT column after PID, MAIN for the host; a guest user cannot use it', async () => {
    const w = await bootTestWorld();
    await w.run('chcontext --silent --xid 33 nc -l -p 5033 &');
    const r = await w.run('vps ax | grep -e PID -e "nc -l" -e "init \\["');
    expect(r.stdout).toMatch(/^  PID CONTEXT {13}TTY {6}STAT {3}TIME COMMAND\n {4}1 {5}0 MAIN {10}\? {8}Ss {5}0:00 init \[3\]\n *\d+ {4}33 {15}\? {8}S {6}0:00 nc -l -p 5033\n/);
    const inside = await w.run('chcontext --silent --xid 34 vps ax');
    expect(inside).toEqual({ stdout: '', stderr: 'vcontext: vc_create_context(): Operation not permitted\n', status: 255 });
  });
});
