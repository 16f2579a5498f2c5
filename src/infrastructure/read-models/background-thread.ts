import { setPriority } from 'node:os';

/**
 * Marks the calling worker thread as background work: on Linux the nice value belongs to each
 * thread, so the server's thread (requests, health probes) gets the CPU first when the machine is
 * busy, and projections use what is left. Where lowering it is not possible, nothing changes.
 */
export function yieldCpuToServer(): void {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted or not supported here: the thread runs at the usual priority.
  }
}
