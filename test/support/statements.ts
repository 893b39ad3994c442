import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../src/common/database/schema.js';

/** A handle of its own (as a server instance has) that counts the raw statements holding `fragment`. */
export function statementsSaying(db: Kysely<Database>, fragment: string): { readonly db: Kysely<Database>; count(): number } {
  let count = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'RawNode' && JSON.stringify(args.node).includes(fragment)) count += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(counting), count: () => count };
}
