// This machine's first non-internal IPv4 address, or null. Tests that play a device on the shop's
// network (a tablet customer display) call the till from it, so the till sees a caller off its own
// machine; they are skipped, with that reason, only on a machine with no network interface at all.
import os from 'node:os';

export function nonLoopbackIPv4(): string | null {
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}
