import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectKeysInMemory } from '../../src/infrastructure/personal-data/subject-keys.js';
import { refer } from '../domain/case/support/builders.js';
import { isProblem, json, principal, startApi, type TestApi } from './support/api.js';

const coordinator = principal('coordinator', { areas: ['cumbria'] });
const reviewer = principal('reviewer', { areas: ['cumbria'] });

describe('a server started with a key store that is not its log\'s (docs/DOMAIN.md section 13)', () => {
  let sealedWith: TestApi;
  let misconfigured: TestApi;
  beforeAll(async () => {
    sealedWith = await startApi({ keys: new SubjectKeysInMemory() });
    misconfigured = await startApi({ store: sealedWith.store, keys: new SubjectKeysInMemory() });
  });
  afterAll(async () => {
    await misconfigured.close();
    await sealedWith.close().catch(() => undefined);
  });

  it('answers a read of a sealed subject 503 key-store-mismatch, not 500, and the right key store still opens it', async () => {
    expect((await sealedWith.as(coordinator).command('km-1', refer())).statusCode).toBe(201);
    const refused = await misconfigured.as(reviewer).get('/cases/km-1');
    expect(refused.statusCode).toBe(503);
    expect(isProblem(refused)).toBe(true);
    expect(json(refused)['code']).toBe('key-store-mismatch');
    expect(refused.body).not.toContain('km-1');
    const read = await sealedWith.as(reviewer).get('/cases/km-1');
    expect(read.statusCode).toBe(200);
  });
});
