// A worker thread runs plain JavaScript: register tsx, then load the TypeScript worker.
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// Background work (a server's projections): lower this thread's priority first (on Linux it
// belongs to each thread, and threads started from here inherit it), so that loading the
// modules, as well as what the worker does later, leaves the CPU to the server's own thread.
if (workerData.background === true) {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted here: the thread runs at the usual priority.
  }
}

register();
await import(workerData.module);
