/**
 * What ps, top and /proc/PID/* show about a task, computed from kernel state in one place
 * so every view agrees.
 */
import type { Task } from '../task.js';

/** ps's one-letter state: R running, S sleeping, T stopped, Z zombie; + in the foreground group. */
export function stateLetter(task: Task): string {
  switch (task.state) {
    case 'running':
      return 'R';
    case 'sleeping':
      // 'H': on hold by the VServer token-bucket scheduler (vs2.0 TASK_ONHOLD).
      return task.waitChannel === 'disk' ? 'D' : task.waitChannel === 'vx_hold' ? 'H' : 'S';
    case 'stopped':
      return 'T';
    case 'zombie':
      return 'Z';
  }
}

export function stateWord(task: Task): string {
  return { R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', Z: 'Z (zombie)' }[stateLetter(task)]!;
}

/** BSD-style STAT column: state, s for session leader, + for foreground group. */
export function bsdStat(task: Task): string {
  let s = stateLetter(task);
  if (task.nice < 0) s += '<';
  else if (task.nice > 0) s += 'N';
  if (task.sid === task.pid) s += 's';
  if (task.tty && task.tty.foregroundPgrp === task.pgid) s += '+';
  return s;
}

export function ttyName(task: Task): string {
  return task.tty ? task.tty.name : '?';
}

/** The command line as ps shows it: argv joined, or [comm] for tasks without one. */
export function commandLine(task: Task): string {
  return task.argv.length > 0 ? task.argv.join(' ') : `[${task.comm}]`;
}

/** CPU time in whole seconds (utime + stime). */
export function cpuSeconds(task: Task): number {
  return Math.floor((task.utimeMs + task.stimeMs) / 1000);
}

/** [[dd-]hh:]mm:ss as ps prints TIME. */
export function formatCpuTime(seconds: number, withHours = true): string {
  const s = seconds % 60;
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!withHours) return `${m}:${pad(s)}`;
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** CPU time used in milliseconds (utime + stime). */
export function cpuMs(task: Task): number {
  return task.utimeMs + task.stimeMs;
}

/** The kernel's dynamic priority as /proc/PID/stat field 18 reports it (top's PR; ps -l PRI is 60 + this). */
export function priority(task: Task): number {
  return 15 + task.nice;
}

/** Shared memory in KiB (statm's third field, in pages of 4 KiB): top's SHR. */
export function sharedKb(task: Task): number {
  return Math.ceil(task.rssKb / 8) * 4;
}

/**
 * The wait channel as ps's WCHAN shows it: "-" when running, else the kernel function name with
 * procps's "sys_"/"do_" prefixes dropped (do_wait → wait).
 */
export function wchanName(task: Task): string {
  if (task.state !== 'sleeping' || task.waitChannel === '') return '-';
  const w = task.waitChannel;
  if (w.startsWith('sys_')) return w.slice(4);
  if (w.startsWith('do_')) return w.slice(3);
  return w.replace(/^_+/, '');
}
