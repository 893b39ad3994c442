import { describe, expect, it } from 'vitest';
import { groupRows } from '../../src/common/group-rows.js';

describe('groupRows', () => {
  it('groups rows by their key, each group in the rows’ order', () => {
    const rows = [
      { proposal: 'a', member: 1 },
      { proposal: 'b', member: 2 },
      { proposal: 'a', member: 3 },
    ];
    const groups = groupRows(rows, (row) => row.proposal);
    expect([...groups.keys()]).toEqual(['a', 'b']);
    expect(groups.get('a')).toEqual([rows[0], rows[2]]);
    expect(groups.get('b')).toEqual([rows[1]]);
    expect(groups.get('c')).toBeUndefined();
  });

  it('gives no group for no rows', () => {
    expect(groupRows([], (row: { id: string }) => row.id).size).toBe(0);
  });
});
