import { randomBytes } from 'node:crypto';
import type { PopulationBasis } from '../../src/domain/area/events.js';
import type { AreaCode } from '../../src/domain/shared/areas.js';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import type { Clock } from '../../src/infrastructure/clock.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { buildApp } from '../../src/infrastructure/http/app.js';

export type PopulationFigure = {
  readonly area: AreaCode;
  readonly reportingYear: string;
  readonly population: number;
  /** Everyone, or those aged 10 and over (the base national figures now quote rates on). */
  readonly basis: PopulationBasis;
  readonly source: string;
};

/**
 * Records area populations the way an administrator does: `PUT /areas/{area}/population/{year}`
 * on the HTTP API (in process, through `inject`), so the AreaPopulationRecorded events carry
 * the metadata and checks of the product's own route. The token is signed with a throwaway key.
 */
export async function recordPopulations(store: EventStore, clock: Clock, figures: readonly PopulationFigure[]): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  const app = await buildApp({
    config: { logLevel: 'silent', bodyLimitBytes: 64 * 1024, rateLimit: { max: 1_000_000, windowMs: 60_000 } },
    store,
    clock,
    tokens: { verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) } },
  });
  try {
    const token = await mintToken({ sub: 'synthetic-data-admin', role: 'admin', agency: 'police', areas: '*' }, { secret, ttlSeconds: 600 });
    for (const f of figures) {
      const response = await app.inject({
        method: 'PUT',
        url: `/areas/${f.area}/population/${f.reportingYear}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ population: f.population, basis: f.basis, source: f.source }),
      });
      if (response.statusCode !== 201 && response.statusCode !== 200) {
        throw new Error(`recording the population of ${f.area} for ${f.reportingYear} failed: ${response.statusCode} ${response.body}`);
      }
    }
  } finally {
    await app.close();
  }
}
