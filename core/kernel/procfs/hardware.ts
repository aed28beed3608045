/** The simulated hardware of a machine: what /proc/cpuinfo, meminfo and uname report. */
export interface Hardware {
  cpus: { model: string; mhz: number; cacheKb: number }[];
  memoryKb: number;
  swapKb: number;
  /** uname -m */
  machine: string;
  kernelRelease: string;
  kernelVersion: string;
  /** /proc/version's compiler credit. */
  compiler: string;
}

/** The seed's Limoges host: a bi-Xeon with 5 GB of RAM running a vs2.0.2 kernel (May 2006). */
export const SEED_HOST_HARDWARE: Hardware = {
  cpus: [
    { model: 'Intel(R) Xeon(TM) CPU 3.06GHz', mhz: 3066.821, cacheKb: 512 },
    { model: 'Intel(R) Xeon(TM) CPU 3.06GHz', mhz: 3066.821, cacheKb: 512 },
  ],
  memoryKb: 5177344,
  swapKb: 2096472,
  machine: 'i686',
  kernelRelease: '2.6.16.17-vs2.0.2-rc21',
  kernelVersion: '#1 SMP Tue May 23 10:12:34 CEST 2006',
  compiler: 'gcc version 3.4.6 20060404 (Red Hat 3.4.6-3)',
};
