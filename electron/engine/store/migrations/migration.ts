import type { Db } from '../database.js';

export interface Migration {
  version: number;
  name: string;
  /** Plain SQL, or a function for steps that need to move data. Runs inside a transaction. */
  sql?: string;
  up?: (db: Db) => void;
}
