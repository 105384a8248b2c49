// The shop's catalogue of items (search, save, CSV import/export) and sales by item. Every change is
// audited: a save as `item.saved`, an import as `items.imported` (what it created and updated), an
// export as `items.exported`.
import type { ItemImportResult } from '../../../shared/catalog';
import { PosError } from '../../../shared/pos-error';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { CallContext } from '../pos-core-types';
import { businessDateOf } from '../reports/business-day';
import type { SettingsStore } from '../settings/settings-store';
import { ItemCatalog, sameFields, type ItemFields } from './item-catalog';
import { itemsCsv, planItemImport, readItemCsv } from './item-csv';
import { itemSalesReport } from './item-sales-report';

export type ItemOperation = 'items.list' | 'items.save' | 'items.import' | 'items.export' | 'reports.items';

export interface ItemSideOptions {
  db: LedgerDb;
  audit: AuditLog;
  settings: SettingsStore;
  now: () => number;
}

export interface ItemSide {
  handlers: Pick<PosHandlers, ItemOperation>;
}

/** At most this many problems are listed (a wrong file has one on every line; the first ones say why). */
const MAX_IMPORT_ERRORS = 200;

export function createItemSide(options: ItemSideOptions): ItemSide {
  const { db, audit, settings, now } = options;
  const catalog = new ItemCatalog(db);
  const actor = (context: CallContext) => context.cashier ?? null;

  return {
    handlers: {
      'items.list': (input, context) => {
        // The till offers active items; what was taken off sale is the manager's screen's business.
        if (input.includeInactive && context.role !== 'manager') {
          throw new PosError('forbidden', 'Only a manager sees items taken off sale.', 'includeInactive');
        }
        return catalog.list(input);
      },

      'items.save': (input, context) => {
        const at = now();
        return catalog.transaction(() => {
          const before = input.id === undefined ? null : catalog.get(input.id);
          if (input.id !== undefined && !before) throw new PosError('not_found', `No item ${input.id}.`, 'id');
          // A field left out keeps its value; null clears it.
          const fields: ItemFields = {
            name: input.name,
            category: input.category === undefined ? before?.category ?? null : input.category || null,
            price: input.price,
            sku: input.sku === undefined ? before?.sku ?? null : input.sku,
            active: input.active ?? before?.active ?? true,
          };
          if (before && sameFields(before, fields)) return before;
          const item = catalog.write(before?.id ?? null, fields, at);
          audit.record({
            actor: actor(context),
            action: 'item.saved',
            detail: { itemId: item.id, created: before === null, name: item.name, price: item.price, sku: item.sku, active: item.active, ...(before ? { before: { name: before.name, price: before.price, category: before.category, sku: before.sku, active: before.active } } : {}) },
          }, at);
          return item;
        });
      },

      'items.import': (input, context) => {
        const at = now();
        const { rows, errors: readErrors } = readItemCsv(input.csv);
        return catalog.transaction((): ItemImportResult => {
          const plan = planItemImport(rows, catalog.all());
          const errors = [...readErrors, ...plan.errors].sort((a, b) => a.line - b.line);
          const counts = {
            created: plan.steps.filter((step) => step.kind === 'create').length,
            updated: plan.steps.filter((step) => step.kind === 'update').length,
            unchanged: plan.steps.filter((step) => step.kind === 'unchanged').length,
          };
          if (errors.length > 0 || input.dryRun) return { ...counts, errors: errors.slice(0, MAX_IMPORT_ERRORS), saved: false };
          for (const step of plan.steps) {
            if (step.kind === 'create') catalog.write(null, step.fields, at);
            else if (step.kind === 'update') catalog.write(step.id, step.fields, at);
          }
          audit.record({ actor: actor(context), action: 'items.imported', detail: { ...counts, rows: plan.steps.length } }, at);
          return { ...counts, errors: [], saved: true };
        });
      },

      'items.export': (_input, context) => {
        const at = now();
        const items = catalog.list({ includeInactive: true, limit: Number.MAX_SAFE_INTEGER });
        audit.record({ actor: actor(context), action: 'items.exported', detail: { items: items.length } }, at);
        return { fileName: `items-${businessDateOf(at, settings.get().timeZone, settings.get().dayStartHour)}.csv`, csv: itemsCsv(items) };
      },

      'reports.items': (input) => {
        const { timeZone, dayStartHour } = settings.get();
        return itemSalesReport(db, { from: input.from, to: input.to, timeZone, dayStartHour, tillId: input.tillId ?? null, now: now() });
      },
    },
  };
}
