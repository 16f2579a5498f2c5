import { describeHttpApi } from './http-api.js';
import { openSqliteStore } from './support/http-stores.js';

describeHttpApi('sqlite', openSqliteStore);
