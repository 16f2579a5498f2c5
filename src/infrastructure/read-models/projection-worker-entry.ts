import { runProjectionWorker } from './projection-worker.js';

await runProjectionWorker();
