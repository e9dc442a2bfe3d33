// The machine the benchmark ran on: CPU model (from /proc/cpuinfo), cores, memory, Node version, platform.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineDescription {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

export function describeMachine(): MachineDescription {
  const cpuinfo = readOrEmpty('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
  const processors = cpuinfo.match(/^processor\s*:/gm)?.length ?? 0;
  const memTotalKiB = Number(/^MemTotal:\s+(\d+) kB/m.exec(readOrEmpty('/proc/meminfo'))?.[1] ?? Number.NaN);
  const memoryBytes = Number.isFinite(memTotalKiB) ? memTotalKiB * 1024 : os.totalmem();
  return {
    cpu: model ?? os.cpus()[0]?.model ?? 'unknown CPU',
    cores: processors > 0 ? processors : os.availableParallelism(),
    memoryGiB: Math.round((memoryBytes / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
