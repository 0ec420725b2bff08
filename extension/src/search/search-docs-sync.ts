// Keeps the archive's searchDocs table current with its messages, in the same transaction as every write, whoever
// writes (the worker archiving, rules, filing, import, the page): a Dexie DBCore middleware widens each read-write
// transaction on messages to searchDocs and mirrors puts and deletes. The archive page then reads only the small
// search rows, never every whole record.
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Dexie, Middleware } from 'dexie';
import type { MessageRecord } from '../archive/records.ts';
import { storedSearchDocOf } from './search-doc.ts';

export const SEARCH_DOCS_TABLE = 'searchDocs';

/** The searchDocs table, or undefined inside the upgrade from version 1 (it writes the rows itself). */
function docsTable(down: DBCore): DBCoreTable | undefined {
  try {
    return down.table(SEARCH_DOCS_TABLE);
  } catch {
    return undefined;
  }
}

function mirrored(messages: DBCoreTable, down: DBCore): DBCoreTable {
  return {
    ...messages,
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const res = await messages.mutate(req);
      const docs = docsTable(down);
      if (!docs) return res;
      const { trans } = req;
      if (req.type === 'add' || req.type === 'put') {
        const failed = res.failures ?? {};
        const values = (req.values as MessageRecord[]).filter((_, i) => !(i in failed));
        if (values.length) await docs.mutate({ trans, type: 'put', values: values.map(storedSearchDocOf) });
      } else if (req.type === 'delete') {
        await docs.mutate({ trans, type: 'delete', keys: req.keys });
      } else if (req.type === 'deleteRange') {
        await docs.mutate({ trans, type: 'deleteRange', range: req.range });
      }
      return res;
    },
  };
}

const middleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'searchDocs',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes('messages') && !stores.includes(SEARCH_DOCS_TABLE) ? [...stores, SEARCH_DOCS_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return name === 'messages' ? mirrored(table, down) : table;
      },
    };
  },
};

export function keepSearchDocs(db: Dexie): void {
  db.use(middleware);
}
