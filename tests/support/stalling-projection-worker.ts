import { runProjectionWorker } from '../../src/infrastructure/read-models/projection-worker.js';
import { projectCase } from '../../src/infrastructure/read-models/project-case.js';

/** The projection worker with a fold that never ends on the case `stuck` (a bug of that kind). */
await runProjectionWorker({
  project: (caseId, entries) => {
    if (caseId === 'stuck') for (;;);
    return projectCase(caseId, entries);
  },
});
