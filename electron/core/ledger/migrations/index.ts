// Ordered migrations. Append only: a released migration is never edited, a new one is added.
import * as m001 from './001-initial';
import * as m002 from './002-stripe-events';
import * as m003 from './003-manager';
import * as m004 from './004-request-keys';
import * as m005 from './005-paired-displays';
import * as m006 from './006-stripe-mode';
import * as m007 from './007-qr-attempts';
import * as m008 from './008-report-by-status';
import * as m009 from './009-tenders-and-shifts';
import * as m010 from './010-report-by-tender';
import * as m011 from './011-receipts-and-items';
import * as m012 from './012-head-office-outbox';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: m001.name, sql: m001.sql },
  { version: 2, name: m002.name, sql: m002.sql },
  { version: 3, name: m003.name, sql: m003.sql },
  { version: 4, name: m004.name, sql: m004.sql },
  { version: 5, name: m005.name, sql: m005.sql },
  { version: 6, name: m006.name, sql: m006.sql },
  { version: 7, name: m007.name, sql: m007.sql },
  { version: 8, name: m008.name, sql: m008.sql },
  { version: 9, name: m009.name, sql: m009.sql },
  { version: 10, name: m010.name, sql: m010.sql },
  { version: 11, name: m011.name, sql: m011.sql },
  { version: 12, name: m012.name, sql: m012.sql },
];
