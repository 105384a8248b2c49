// Ordered migrations. Append only: a released migration is never edited, a new one is added.
import * as m001 from './001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: m001.name, sql: m001.sql }];
