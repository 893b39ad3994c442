import { expect, test } from 'vitest';
import { DATABASE_TYPES_COMMAND, DATABASE_TYPES_FILE, DATABASE_TYPES_PATH, generateDatabaseTypes } from '../support/database-types.js';
import { emptyDatabase } from '../support/test-app.js';

// `npm run db:types` runs this test with --update, which writes the file instead of comparing.
test('the checked-in table types are those of the migrated database', async () => {
  const database = await emptyDatabase();
  try {
    const types = await generateDatabaseTypes(database.store);
    await expect(types, `${DATABASE_TYPES_FILE} is not what the migrations make: run ${DATABASE_TYPES_COMMAND}`).toMatchFileSnapshot(DATABASE_TYPES_PATH);
  } finally {
    await database.drop();
  }
});
