import { statSync } from 'node:fs';

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Bytes the store takes in the data dir: the database file and its write-ahead log. */
export function storageBytes(dbFile: string): { db_bytes: number; wal_bytes: number; total_bytes: number } {
  const db = sizeOf(dbFile);
  const wal = sizeOf(`${dbFile}-wal`);
  return { db_bytes: db, wal_bytes: wal, total_bytes: db + wal };
}
