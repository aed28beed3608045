/**
 * top's text (procps 3.2.3 on a 2.6 kernel), pure: the summary lines, the default columns
 * (PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND), scale_num/scale_tics and the help screen.
 */

/** "Tasks:  40 total,   1 running,  39 sleeping,   0 stopped,   0 zombie" */
export function tasksLine(c: { total: number; running: number; sleeping: number; stopped: number; zombie: number }): string {
  const n = (v: number) => String(v).padStart(3);
  return `Tasks: ${n(c.total)} total, ${n(c.running)} running, ${n(c.sleeping)} sleeping, ${n(c.stopped)} stopped, ${n(c.zombie)} zombie`;
}

export interface CpuTicks {
  u: number;
  n: number;
  s: number;
  i: number;
  w: number;
  x: number;
  y: number;
}

/** C's %#4.1f */
const f41 = (v: number) => v.toFixed(1).padStart(4);

/** "Cpu(s):  0.3% us,  0.0% sy, …" from the ticks of one interval (2.6 kernels: seven states). */
export function cpuLine(label: string, now: CpuTicks, before: CpuTicks): string {
  const d = {
    u: now.u - before.u,
    s: now.s - before.s,
    n: now.n - before.n,
    i: Math.max(0, now.i - before.i),
    w: now.w - before.w,
    x: now.x - before.x,
    y: now.y - before.y,
  };
  let tot = d.u + d.s + d.n + d.i + d.w + d.x + d.y;
  if (tot < 1) tot = 1;
  const p = (v: number) => f41((v * 100) / tot);
  return `${label} ${p(d.u)}% us, ${p(d.s)}% sy, ${p(d.n)}% ni, ${p(d.i)}% id, ${p(d.w)}% wa, ${p(d.x)}% hi, ${p(d.y)}% si`;
}

/** Parse /proc/stat's cpu lines: the total first, then cpu0, cpu1… */
export function parseCpuLines(stat: string): CpuTicks[] {
  const out: CpuTicks[] = [];
  for (const line of stat.split('\n')) {
    const m = /^cpu\d*\s+(.*)$/.exec(line);
    if (!m) continue;
    const [u = 0, n = 0, s = 0, i = 0, w = 0, x = 0, y = 0] = m[1]!.trim().split(/\s+/).map(Number);
    out.push({ u, n, s, i, w, x, y });
  }
  return out;
}

const k8 = (v: number) => String(Math.floor(v)).padStart(8);

export function memLines(m: { total: number; used: number; free: number; buffers: number; cached: number; swapTotal: number; swapUsed: number; swapFree: number }): [string, string] {
  return [
    `Mem:  ${k8(m.total)}k total, ${k8(m.used)}k used, ${k8(m.free)}k free, ${k8(m.buffers)}k buffers`,
    `Swap: ${k8(m.swapTotal)}k total, ${k8(m.swapUsed)}k used, ${k8(m.swapFree)}k free, ${k8(m.cached)}k cached`,
  ];
}

/** scale_num(): a KiB count in `width` characters, else in m or g. */
export function scaleNum(kb: number, width: number): string {
  const plain = String(Math.floor(kb));
  if (plain.length <= width) return plain;
  const units: [number, string][] = [
    [1024, 'm'],
    [1024 * 1024, 'g'],
  ];
  for (const [div, unit] of units) {
    const precise = `${(kb / div).toFixed(1)}${unit}`;
    if (precise.length <= width) return precise;
    const whole = `${Math.floor(kb / div)}${unit}`;
    if (whole.length <= width) return whole;
  }
  return '?';
}

/** scale_tics(): TIME+ as minutes:seconds.hundredths, shortened to fit. */
export function scaleTics(ms: number, width: number): string {
  let nt = Math.floor(ms / 10); // hundredths
  const cc = nt % 100;
  nt = Math.floor(nt / 100);
  let nn = nt % 60;
  nt = Math.floor(nt / 60);
  const p2 = (v: number) => String(v).padStart(2, '0');
  const tries = [`${nt}:${p2(nn)}.${p2(cc)}`, `${nt}:${p2(nn)}`];
  for (const t of tries) if (t.length <= width) return t;
  nn = nt % 60;
  nt = Math.floor(nt / 60);
  for (const t of [`${nt},${p2(nn)}`, `${nt}h`, `${Math.floor(nt / 24)}d`, `${Math.floor(nt / 24 / 7)}w`]) if (t.length <= width) return t;
  return '?';
}

export interface TopRow {
  pid: number;
  user: string;
  pr: number;
  ni: number;
  virtKb: number;
  resKb: number;
  shrKb: number;
  state: string;
  cpu: number;
  mem: number;
  timeMs: number;
  command: string;
}

/** Header text before COMMAND; its width decides how wide COMMAND may be. */
const HEAD_FIXED = '   PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+ ';

/** The command column width for a screen width (reframewins' maxcmdln). */
export function commandWidth(cols: number): number {
  return Math.max(1, cols - HEAD_FIXED.length);
}

/** The column header, the first field's leading blank dropped, COMMAND padded to its width. */
export function columnHeader(cols: number): string {
  const w = commandWidth(cols);
  return (HEAD_FIXED.slice(1) + ' ' + 'COMMAND'.padEnd(w).slice(0, w)).slice(0, cols);
}

/** One task row, cut at the screen width. */
export function taskRow(r: TopRow, cols: number): string {
  const w = commandWidth(cols);
  const cpu = Math.min(99.9, r.cpu);
  const s =
    String(r.pid).padStart(5) +
    ' ' + r.user.slice(0, 8).padEnd(8) +
    ' ' + String(r.pr).padStart(3) +
    ' ' + String(r.ni).padStart(3) +
    ' ' + scaleNum(r.virtKb, 5).padStart(5) +
    ' ' + scaleNum(r.resKb, 4).padStart(4) +
    ' ' + scaleNum(r.shrKb, 4).padStart(4) +
    ' ' + r.state +
    ' ' + f41(cpu) +
    ' ' + f41(r.mem) +
    ' ' + scaleTics(r.timeMs, 9).padStart(9) +
    ' ' + r.command.slice(0, w).padEnd(w);
  return s.slice(0, cols);
}

export const TOP_VERSION = 'procps version 3.2.3';

/** The 'h' screen (KEYS_help without its attribute markers). */
export function helpScreen(o: { delay: number; cumulative: boolean; secure: boolean }): string {
  return (
    `Help for Interactive Commands - ${TOP_VERSION}\n` +
    `Window 1:Def: Cumulative mode ${o.cumulative ? 'On' : 'Off'}.  System: Delay ${o.delay.toFixed(1)} secs; Secure mode ${o.secure ? 'On' : 'Off'}.\n` +
    '\n' +
    "  Z,B       Global: 'Z' change color mappings; 'B' disable/enable bold\n" +
    "  l,t,m     Toggle Summaries: 'l' load avg; 't' task/cpu stats; 'm' mem info\n" +
    "  1,I       Toggle SMP view: '1' single/separate states; 'I' Irix/Solaris mode\n" +
    '\n' +
    "  f,o     . Fields/Columns: 'f' add or remove; 'o' change display order\n" +
    '  F or O  . Select sort field\n' +
    "  <,>     . Move sort field: '<' next col left; '>' next col right\n" +
    '  R       . Toggle normal/reverse sort\n' +
    "  c,i,S   . Toggle: 'c' cmd name/line; 'i' idle tasks; 'S' cumulative time\n" +
    "  x,y     . Toggle highlights: 'x' sort field; 'y' running tasks\n" +
    "  z,b     . Toggle: 'z' color/mono; 'b' bold/reverse (only if 'x' or 'y')\n" +
    '  u       . Show specific user only\n' +
    '  n or #  . Set maximum tasks displayed\n' +
    '\n' +
    (o.secure ? '' : "  k,r       Manipulate tasks: 'k' kill; 'r' renice\n  d or s    Set update interval\n") +
    '  W         Write configuration file\n' +
    '  q         Quit\n' +
    "          ( commands shown with '.' require a visible task display window ) \n" +
    "Press 'h' or '?' for help with Windows,\n" +
    'any other key to continue '
  );
}
