import { describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, migrations } from '../../src/common/database/migrate.js';

describe('the migrations', () => {
  it('are listed in number order, one per number, so the latest a backup records is the last one', () => {
    const names = Object.keys(migrations);
    const numbers = names.map((name) => Number(name.slice(0, 3)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(LATEST_MIGRATION).toBe(names.find((name) => Number(name.slice(0, 3)) === Math.max(...numbers)));
  });
});
