import { describeHttpApi } from './http-api.js';
import { openMemoryStore } from './support/http-stores.js';

describeHttpApi('memory', openMemoryStore);
