import { configOrExit } from './infrastructure/config-or-exit.js';
import { exitOnStartFailure, serve, stopGracefullyOnSignals } from './infrastructure/http/serve.js';

const config = configOrExit(process.env);
const server = await serve(config).catch(exitOnStartFailure);
stopGracefullyOnSignals(server, config.shutdown);
