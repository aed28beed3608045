/**
 * dmesg — util-linux 2.12a over syslog(2): the kernel ring buffer, here the seed host's boot
 * log (2.6.16 SMP with the vs2.0.2 patch: the patch prints nothing of its own at boot; it shows
 * in the version string). -c clears the buffer (CAP_SYS_ADMIN), -n sets the console level.
 * Inside a guest syslog(2) needs the `syslog` context capability, which guests lack by
 * default: "klogctl: Operation not permitted".
 */
import type { Kernel } from '../../kernel/kernel.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { capable } from './lib/frame.js';

const CCAP_SYSLOG = 0x1000n;

/** What the kernel logged while booting the machine the caller runs on. */
export async function bootLog(proc: Process): Promise<string> {
  const u = proc.uname();
  let totalKb = 5177344;
  try {
    totalKb = Number(/MemTotal:\s+(\d+)/.exec(await proc.readFile('/proc/meminfo'))?.[1] ?? totalKb);
  } catch {
    // /proc not mounted: the seed host's memory
  }
  const mb = Math.round(totalKb / 1024);
  let macs: string[] = [];
  try {
    macs = proc.net.stack.links.filter((l) => l.name.startsWith('eth')).map((l) => l.mac);
  } catch {
    // no network
  }
  const mac0 = macs[0] ?? '00:0e:0c:3b:52:a6';
  const mac1 = macs[1] ?? '00:11:43:d6:2f:1c';
  const high = Math.max(0, mb - 896);
  const lines = [
    `Linux version ${u.release} (root@localhost.localdomain) (gcc version 3.4.6 20060404 (Red Hat 3.4.6-3)) ${u.version}`,
    'BIOS-provided physical RAM map:',
    ' BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)',
    ' BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)',
    ' BIOS-e820: 00000000000e0000 - 0000000000100000 (reserved)',
    ' BIOS-e820: 0000000000100000 - 00000000dfff0000 (usable)',
    ' BIOS-e820: 00000000dfff0000 - 00000000dffffc00 (ACPI data)',
    ' BIOS-e820: 00000000dffffc00 - 00000000e0000000 (ACPI NVS)',
    ' BIOS-e820: 00000000fec00000 - 00000000fec10000 (reserved)',
    ' BIOS-e820: 00000000fee00000 - 00000000fee01000 (reserved)',
    ' BIOS-e820: 00000000ff800000 - 0000000100000000 (reserved)',
    ' BIOS-e820: 0000000100000000 - 0000000140000000 (usable)',
    `${high}MB HIGHMEM available.`,
    '896MB LOWMEM available.',
    'found SMP MP-table at 000ff780',
    'DMI 2.3 present.',
    'ACPI: PM-Timer IO Port: 0x408',
    'ACPI: LAPIC (acpi_id[0x00] lapic_id[0x00] enabled)',
    'Processor #0 15:2 APIC version 20',
    'ACPI: LAPIC (acpi_id[0x01] lapic_id[0x06] enabled)',
    'Processor #6 15:2 APIC version 20',
    'ACPI: IOAPIC (id[0x02] address[0xfec00000] gsi_base[0])',
    'IOAPIC[0]: apic_id 2, version 32, address 0xfec00000, GSI 0-23',
    'Enabling APIC mode:  Flat.  Using 1 I/O APICs',
    'Using ACPI (MADT) for SMP configuration information',
    'Allocating PCI resources starting at e0000000 (gap: e0000000:1ec00000)',
    'Built 1 zonelists',
    'Kernel command line: ro root=/dev/sda1 rhgb quiet',
    'mapped APIC to ffffd000 (fee00000)',
    'mapped IOAPIC to ffffc000 (fec00000)',
    'Enabling fast FPU save and restore... done.',
    'Enabling unmasked SIMD FPU exception support... done.',
    'Initializing CPU#0',
    'PID hash table entries: 4096 (order: 12, 65536 bytes)',
    'Detected 3066.821 MHz processor.',
    'Using tsc for high-res timesource',
    'Console: colour VGA+ 80x25',
    'Dentry cache hash table entries: 131072 (order: 7, 524288 bytes)',
    'Inode-cache hash table entries: 65536 (order: 6, 262144 bytes)',
    `Memory: ${mb * 1024 - 10112}k/${mb * 1024}k available (2011k kernel code, 78856k reserved, 850k data, 212k init, ${high * 1024}k highmem)`,
    'Checking if this processor honours the WP bit even in supervisor mode... Ok.',
    'Calibrating delay using timer specific routine.. 6137.53 BogoMIPS (lpj=3068765)',
    'Mount-cache hash table entries: 512',
    'CPU: After generic identify, caps: bfebfbff 00000000 00000000 00000000 00004400 00000000 00000000',
    'CPU: Trace cache: 12K uops, L1 D cache: 8K',
    'CPU: L2 cache: 512K',
    'CPU0: Intel(R) Xeon(TM) CPU 3.06GHz stepping 09',
    'Booting processor 1/6 eip 2000',
    'Initializing CPU#1',
    'Calibrating delay using timer specific routine.. 6133.09 BogoMIPS (lpj=3066548)',
    'CPU1: Intel(R) Xeon(TM) CPU 3.06GHz stepping 09',
    'Total of 2 processors activated (12270.62 BogoMIPS).',
    'ENABLING IO-APIC IRQs',
    'Brought up 2 CPUs',
    'NET: Registered protocol family 16',
    'ACPI: bus type pci registered',
    'PCI: PCI BIOS revision 2.10 entry at 0xfbf50, last bus=4',
    'PCI: Using configuration type 1',
    'ACPI: Interpreter enabled',
    'ACPI: Using IOAPIC for interrupt routing',
    'SCSI subsystem initialized',
    'PCI: Using ACPI for IRQ routing',
    'Linux agpgart interface v0.101 (c) Dave Jones',
    'Serial: 8250/16550 driver $Revision: 1.90 $ 4 ports, IRQ sharing enabled',
    'RAMDISK driver initialized: 16 RAM disks of 16384K size 1024 blocksize',
    'NET: Registered protocol family 2',
    'IP route cache hash table entries: 65536 (order: 6, 262144 bytes)',
    'TCP established hash table entries: 262144 (order: 9, 2097152 bytes)',
    'TCP bind hash table entries: 65536 (order: 7, 524288 bytes)',
    'TCP: Hash tables configured (established 262144 bind 65536)',
    'TCP reno registered',
    'TCP bic registered',
    'NET: Registered protocol family 1',
    'NET: Registered protocol family 17',
    'Using IPI No-Shortcut mode',
    'Freeing unused kernel memory: 212k freed',
    'Write protecting the kernel read-only data: 359k',
    'QLogic Fibre Channel HBA Driver',
    'ACPI: PCI Interrupt 0000:04:01.0[A] -> GSI 24 (level, low) -> IRQ 185',
    'qla2xxx 0000:04:01.0: Found an ISP2312, irq 185, iobase 0xf8832000',
    'qla2xxx 0000:04:01.0: LIP reset occured (f8f7).',
    'qla2xxx 0000:04:01.0: LOOP UP detected (2 Gbps).',
    'scsi0 : qla2xxx',
    'qla2xxx 0000:04:01.0: ',
    ' QLogic Fibre Channel HBA Driver: 8.01.04-k',
    '  QLogic QLA2312 - ',
    '  ISP2312: PCI-X (100 MHz) @ 0000:04:01.0 hdma+, host#=0, fw=3.03.18 IPX',
    '  Vendor: IBM       Model: 1742-900          Rev: 0520',
    '  Type:   Direct-Access                      ANSI SCSI revision: 03',
    'SCSI device sda: 143374738 512-byte hdwr sectors (73408 MB)',
    'SCSI device sda: drive cache: write back',
    ' sda: sda1 sda2',
    'Attached scsi disk sda at scsi0, channel 0, id 0, lun 0',
    'kjournald starting.  Commit interval 5 seconds',
    'EXT3-fs: mounted filesystem with ordered data mode.',
    'device-mapper: 4.5.0-ioctl (2005-10-04) initialised: dm-devel@redhat.com',
    'Intel(R) PRO/1000 Network Driver - version 6.3.9-k4',
    'Copyright (c) 1999-2005 Intel Corporation.',
    'ACPI: PCI Interrupt 0000:02:01.0[A] -> GSI 28 (level, low) -> IRQ 169',
    'e1000: eth0: e1000_probe: Intel(R) PRO/1000 Network Connection',
    'tg3.c:v3.49 (Feb 2, 2006)',
    'ACPI: PCI Interrupt 0000:03:02.0[A] -> GSI 48 (level, low) -> IRQ 177',
    `eth1: Tigon3 [partno(BCM95704A6) rev 2003 PHY(5704)] (PCIX:100MHz:64-bit) 10/100/1000BaseT Ethernet ${mac1}`,
    'eth1: RXcsums[1] LinkChgREG[0] MIirq[0] ASF[0] Split[0] WireSpeed[1] TSOcap[1] ',
    'USB Universal Host Controller Interface driver v2.3',
    'ehci_hcd 0000:00:1d.7: EHCI Host Controller',
    'usbcore: registered new driver hub',
    'loop: loaded (max 8 devices)',
    'Adding 2096472k swap on /dev/sda2.  Priority:-1 extents:1 across:2096472k',
    'ip_tables: (C) 2000-2006 Netfilter Core Team',
    'ip_conntrack version 2.4 (8192 buckets, 65536 max) - 228 bytes per conntrack',
    'e1000: eth0: e1000_watchdog_task: NIC Link is Up 1000 Mbps Full Duplex',
    `eth0: no IPv6 routers present`,
    `e1000: eth0 ${mac0}`,
    'RPC: Registered udp transport module.',
    'RPC: Registered tcp transport module.',
  ];
  return lines.map((l) => l + '\n').join('');
}

/** The part of the log cleared by `dmesg -c` (syslog(2) keeps one buffer per kernel). */
const clearedUpTo = new WeakMap<Kernel, number>();

defineProgram({
  name: 'dmesg',
  options: ['-c', '-n', '-s'],
  main: async (proc) => {
    const usage = async () => {
      await proc.err('Usage: dmesg [-c] [-n level] [-s bufsize]\n');
      return 1;
    };
    let clear = false;
    let level: string | undefined;
    const args = proc.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') clear = true;
      else if (a === '-n') level = args[++i];
      else if (a.startsWith('-n')) level = a.slice(2);
      else if (a === '-s') i++;
      else if (a.startsWith('-s')) continue;
      else return usage();
    }
    // syslog(2) in a guest needs the context's syslog capability.
    const ctx = proc.kernel.vx.get(proc.task.xid);
    if ((ctx && !(ctx.ccaps & CCAP_SYSLOG)) || ((clear || level !== undefined) && !capable(proc, 'SYS_ADMIN'))) {
      await proc.err('klogctl: Operation not permitted\n');
      return 1;
    }
    if (level !== undefined) {
      if (!/^[1-8]$/.test(level)) {
        await proc.err('klogctl: Invalid argument\n');
        return 1;
      }
      return 0;
    }
    const log = await bootLog(proc);
    const from = clearedUpTo.get(proc.kernel) ?? 0;
    await proc.out(log.slice(Math.min(from, log.length)));
    if (clear) clearedUpTo.set(proc.kernel, log.length);
    return 0;
  },
});
