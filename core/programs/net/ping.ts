/**
 * ping — iputils of the seed's era (RHEL 4's iputils-20020927): icmp_seq starts at 0, as the
 * lecture's transcript shows. The order of its checks is ping.c's: the target is resolved
 * ("ping: unknown host foo"), a UDP socket is connected to learn the source ("connect: Network is
 * unreachable"), then the raw ICMP socket must be allowed ("ping: icmp open socket: Operation
 * not permitted"). The main loop follows ping_common.c: a probe every interval (-i), replies and
 * ICMP errors printed when they arrive, the end after -c answers (or errors), after -w seconds,
 * after the linger time (-W, 10 s) when the last probe got no answer, or on Ctrl-C (SIGINT);
 * then the statistics. All waiting is on the simulated clock: a script does not take real time.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { NetCalls } from '../../kernel/net-calls.js';
import { SIG } from '../../kernel/signals.js';
import { formatIp4, formatPingTime, type Ip4, type PingProbe, type PingSession } from '../../net/index.js';
import type { OptionDef } from '../lib/getopt.js';
import { defineProgram } from '../registry.js';
import { inetAton, Resolver } from './lib/resolve.js';
import { runNetTool, type NetTool } from './lib/tool.js';

const USAGE =
  'Usage: ping [-LRUbdfnqrvVaA] [-c count] [-i interval] [-w deadline]\n' +
  '            [-p pattern] [-s packetsize] [-t ttl] [-I interface or address]\n' +
  '            [-M mtu discovery hint] [-S sndbuf]\n' +
  '            [ -T timestamp option ] [ -Q tos ] [hop1 ...] destination\n';

const OPTIONS: OptionDef[] = [..."LRUbdfnqrvVaAhB?DH"].map((short) => ({ short })).concat(
  [..."cisptIMSTQwlWF"].map((short) => ({ short, arg: 'required' as const })),
);

/** Lingering time when no reply came (MAXWAIT), and the shortest interval for a user (MINUSERINTERVAL). */
const MAXWAIT_MS = 10_000;
const MINUSERINTERVAL_MS = 200;
/** MININTERVAL: even a flood waits 10 ms between probes (SCHINT). */
const MININTERVAL_MS = 10;
const MAX_PACKET = 65_468;

interface Arrival {
  /** When it arrives, in µs of the simulated clock (integers: equal times keep their order). */
  atUs: number;
  probe: Extract<PingProbe, { kind: 'reply' | 'error' }>;
}

/** atoi(): leading digits (with a sign), 0 when there are none. */
function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1]!, 10) : 0;
}

/** The summary of ping_common.c finish(). */
function summary(o: { hostname: string; transmitted: number; received: number; errors: number; elapsedMs: number; rtts: number[]; timing: boolean; pipesize: number }): string {
  let s = `\n--- ${o.hostname} ping statistics ---\n`;
  s += `${o.transmitted} packets transmitted, ${o.received} received`;
  if (o.errors) s += `, +${o.errors} errors`;
  if (o.transmitted) {
    s += `, ${Math.trunc(((o.transmitted - o.received) * 100) / o.transmitted)}% packet loss`;
    s += `, time ${Math.trunc(o.elapsedMs)}ms`;
  }
  s += '\n';
  let tail = '';
  if (o.received && o.timing) {
    const n = o.rtts.length;
    const tsum = Math.trunc(o.rtts.reduce((a, b) => a + b, 0) / n);
    const tsum2 = Math.trunc(o.rtts.reduce((a, b) => a + b * b, 0) / n);
    const tmdev = Math.trunc(Math.sqrt(Math.max(0, tsum2 - tsum * tsum)));
    const us = (v: number) => `${Math.trunc(v / 1000)}.${String(v % 1000).padStart(3, '0')}`;
    tail += `rtt min/avg/max/mdev = ${us(Math.min(...o.rtts))}/${us(tsum)}/${us(Math.max(...o.rtts))}/${us(tmdev)} ms`;
  }
  if (o.pipesize > 1) tail += `, pipe ${o.pipesize}`;
  return `${s}${tail}\n`;
}

async function pingMain(tool: NetTool): Promise<number> {
  const proc = tool.proc;
  const parsed = await tool.options(proc.argv.slice(1), OPTIONS, USAGE, 2);
  const uid = proc.task.cred.uid;
  let count = 0;
  let intervalMs = 1000;
  let intervalGiven = false;
  let deadlineS = 0;
  let lingerMs = MAXWAIT_MS;
  let dataBytes = 56;
  let ttl: number | undefined;
  let quiet = false;
  let numeric = false;
  let flood = false;
  let broadcast = false;
  let source: Ip4 | undefined;
  let device: string | undefined;
  for (const o of parsed.options) {
    const v = o.value ?? '';
    switch (o.key) {
      case 'c':
        count = atoi(v);
        if (count <= 0) return tool.fail('ping: bad number of packets to transmit.\n', 2);
        break;
      case 'i': {
        const t = v.includes('.') ? Number.parseFloat(v) : /^\s*[+-]?\d+/.test(v) ? atoi(v) : Number.NaN;
        if (Number.isNaN(t) || t < 0) return tool.fail('ping: bad timing interval.\n', 2);
        intervalMs = Math.trunc(t * 1000);
        intervalGiven = true;
        break;
      }
      case 'w':
        deadlineS = atoi(v);
        if (deadlineS < 0) return tool.fail('ping: bad wait time.\n', 2);
        break;
      case 'W':
        lingerMs = atoi(v) * 1000;
        if (lingerMs < 0) return tool.fail('ping: bad linger time.\n', 2);
        break;
      case 's':
        dataBytes = atoi(v);
        if (dataBytes < 0) return tool.fail(`ping: illegal negative packet size ${dataBytes}.\n`, 2);
        if (dataBytes > MAX_PACKET - 8) return tool.fail(`ping: packet size too large: ${dataBytes}\n`, 2);
        break;
      case 't':
        ttl = atoi(v);
        if (ttl < 0 || ttl > 255) return tool.fail(`ping: ttl ${ttl} out of range\n`, 2);
        break;
      case 'q':
        quiet = true;
        break;
      case 'n':
        numeric = true;
        break;
      case 'f':
        flood = true;
        numeric = true;
        break;
      case 'b':
        broadcast = true;
        break;
      case 'I': {
        const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v);
        if (m) source = ((Number(m[1]) & 255) * 2 ** 24 + (Number(m[2]) & 255) * 65536 + (Number(m[3]) & 255) * 256 + (Number(m[4]) & 255)) >>> 0;
        else device = v;
        break;
      }
      case 'V':
        tool.print('ping utility, iputils-ss020927\n');
        return 0;
      case 'h':
      case '?':
        return tool.fail(USAGE, 2);
      default:
        break; // -L -R -U -d -r -v -a -A -p -S -M -Q -T -l -B: accepted, no effect in the lab
    }
  }
  const targets = parsed.operands;
  if (targets.length === 0) return tool.fail(USAGE, 2);
  const resolver = new Resolver(proc);
  let hostname = '';
  let destination = 0;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const numericTarget = inetAton(target);
    if (numericTarget !== undefined) {
      hostname = target;
      destination = numericTarget;
      if (i === targets.length - 1) numeric = true; // a numeric destination is printed numerically
    } else {
      const entry = await resolver.byName(target);
      if (!entry) return tool.fail(`ping: unknown host ${target}\n`, 2);
      hostname = entry.name;
      destination = entry.address;
    }
  }
  if (targets.length > 1) return tool.fail('ping: source routing is not supported in this lab\n', 2);

  const net: NetCalls = proc.net;
  // The probe UDP socket: connect() finds the route and the source address.
  if (source === undefined) {
    const oif = device !== undefined && net.stack.link(device) ? device : undefined;
    try {
      const r = net.route(destination, oif !== undefined ? { device: oif } : {});
      if (r.type === 'broadcast') {
        if (!broadcast) return tool.fail('Do you want to ping broadcast? Then -b\n', 2);
        await tool.err('WARNING: pinging broadcast address\n');
      }
      source = r.src;
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      return tool.fail(`connect: ${e.message}\n`, 2);
    }
    if (destination === 0) destination = source;
  }
  try {
    net.openRawIcmp();
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`ping: icmp open socket: ${e.message}\n`, 2);
  }
  if (device !== undefined && !net.stack.link(device)) return tool.fail(`ping: unknown iface ${device}\n`, 2);
  const strictSource = parsed.options.some((o) => o.key === 'I') && device === undefined;
  let session: PingSession;
  try {
    session = net.preparePing({
      destination,
      dataBytes,
      ...(ttl !== undefined ? { ttl } : {}),
      ...(strictSource ? { source } : {}),
      ...(device !== undefined ? { device } : {}),
    });
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return tool.fail(`${e.detail === 'bind' ? 'bind' : 'connect'}: ${e.message}\n`, 2);
  }
  if (flood && !intervalGiven) intervalMs = 0;
  if (uid !== 0 && intervalMs < MINUSERINTERVAL_MS) return tool.fail(`ping: cannot flood; minimal interval, allowed for user, is ${MINUSERINTERVAL_MS}ms\n`, 2);
  const timing = dataBytes >= 8;

  let header = `PING ${hostname} (${formatIp4(destination)}) `;
  if (device !== undefined || strictSource) header += `from ${formatIp4(source)} ${device ?? ''}: `;
  header += `${dataBytes}(${dataBytes + 28}) bytes of data.\n`;
  tool.print(header);
  await tool.flush();

  // ----- main loop (ping_common.c) -------------------------------------------------------------
  const clock = proc.kernel.clock;
  let exiting = false;
  let status = false;
  proc.signal(SIG.INT, () => (exiting = true));
  proc.signal(SIG.ALRM, () => (exiting = true));
  proc.signal(SIG.QUIT, () => (status = true));
  const start = clock.uptimeMs;
  const deadlineAt = deadlineS > 0 ? start + deadlineS * 1000 : undefined;
  let exitAt: number | undefined;
  let transmitted = 0;
  let received = 0;
  let errors = 0;
  let lastSend = start;
  let nextSend = start;
  let pipesize = 1;
  const rtts: number[] = [];
  const pending: Arrival[] = [];
  const canSend = (): boolean => !(count && transmitted >= count && !deadlineS);

  const emit = async (text: string): Promise<void> => {
    if (quiet) return;
    tool.print(text);
    await tool.flush();
  };

  for (;;) {
    if (status) {
      status = false;
      const loss = transmitted ? Math.trunc(((transmitted - received) * 100) / transmitted) : 0;
      await tool.err(`\r${received}/${transmitted} packets, ${loss}% loss\n`);
    }
    const now = clock.uptimeMs;
    const nowUs = Math.round(now * 1000);
    // Answers that have arrived, in order.
    pending.sort((a, b) => a.atUs - b.atUs || a.probe.seq - b.probe.seq);
    while (pending.length > 0 && pending[0]!.atUs <= nowUs) {
      const { probe } = pending.shift()!;
      pipesize = Math.max(pipesize, transmitted - probe.seq);
      if (flood) {
        if (probe.kind === 'reply') {
          received++;
          rtts.push(probe.rttUs);
        } else errors++;
        if (!quiet) tool.print(probe.kind === 'reply' ? '\b \b' : '\bE');
        continue;
      }
      if (probe.kind === 'reply') {
        received++;
        rtts.push(probe.rttUs);
        let line = `${dataBytes + 8} bytes from ${await resolver.describe(probe.from, numeric)}: icmp_seq=${probe.seq} ttl=${probe.ttl}`;
        if (timing) line += ` time=${formatPingTime(probe.rttUs)} ms`;
        await emit(`${line}\n`);
      } else {
        errors++;
        await emit(`From ${await resolver.describe(probe.from, numeric)} icmp_seq=${probe.seq} ${probe.message}\n`);
      }
    }
    if (exiting) break;
    if (count && received + errors >= count) break;
    if (deadlineS && errors) break;
    if (deadlineAt !== undefined && now >= deadlineAt) break;
    if (exitAt !== undefined && now >= exitAt) break;
    // Probes due now.
    if (canSend() && now >= nextSend) {
      const probe = session.probe(transmitted);
      transmitted++;
      lastSend = now;
      nextSend = now + Math.max(intervalMs, MININTERVAL_MS);
      if (flood && !quiet) tool.print('.');
      if (probe.kind === 'reply') pending.push({ atUs: nowUs + probe.rttUs, probe });
      else if (probe.kind === 'error') pending.push({ atUs: nowUs + probe.afterUs, probe });
      else if (probe.kind === 'send-error') {
        if (!quiet) await tool.err(`ping: sendmsg: ${new SyscallError(probe.errno).message}\n`);
      }
      if (!canSend() && exitAt === undefined) {
        // __schedule_exit(): wait for the last answers, twice the longest round trip (at least
        // one interval) when something came back, the linger time otherwise.
        const maxRtt = rtts.length ? Math.max(...rtts) / 1000 : 0;
        exitAt = now + (received ? Math.max(2 * maxRtt, intervalMs) : lingerMs);
      }
      await proc.checkpoint();
      continue;
    }
    await tool.flush();
    const wakeups = [pending.length > 0 ? pending[0]!.atUs / 1000 : undefined, canSend() ? nextSend : undefined, exitAt, deadlineAt].filter((t): t is number => t !== undefined);
    const next = Math.min(...wakeups);
    try {
      await proc.sleep(Math.max(0, next - now));
    } catch (e) {
      if (!(e instanceof SyscallError && e.code === 'EINTR')) throw e;
    }
  }
  tool.print(summary({ hostname, transmitted, received, errors, elapsedMs: lastSend - start, rtts, timing, pipesize }));
  return !received || (deadlineS && received < count) ? 1 : 0;
}

defineProgram({
  name: 'ping',
  vszKb: 1660,
  rssKb: 488,
  options: ['-c', '-i', '-s', '-t', '-W', '-w', '-q', '-I', '-n', '-b'],
  main: (proc) => runNetTool(proc, 'ping', pingMain),
});
