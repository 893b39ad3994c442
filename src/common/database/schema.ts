/** The name the code gives the database's tables; tables.ts is generated from the migrations. */
export type { DB as Database } from './tables.js';
