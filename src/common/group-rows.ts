/**
 * Rows grouped by a key, each group in the rows' order. Pages join a parent list to its child rows
 * with it: one pass, where filtering the children for each parent grows with their product.
 */
export function groupRows<Row, Key>(rows: readonly Row[], keyOf: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
