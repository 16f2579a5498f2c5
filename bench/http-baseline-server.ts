/**
 * The yardstick of the HTTP benchmark: bare Fastify answering 201 with a small JSON body to a
 * JSON POST, no logging, no plugins. Prints `{"port":n}` once listening.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/cases/:caseId/commands', async (_request, reply) => reply.code(201).send({ caseId: 'x', version: 0, events: [] }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
