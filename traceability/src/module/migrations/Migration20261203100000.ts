import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// The impact view sums a year of ledger rows per household and month (decision 0035). With household, kind and
// amount in the booked_at index, that is one range of the index (an index-only scan once vacuum has marked the
// pages visible) instead of the table's wide rows (jsonb source, keys). It replaces the plain booked_at index:
// same leading column, so the balance and window queries use it as before.
export class Migration20261203100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index if not exists "IDX_ledger_entry_booked_at_totals" on "ledger_entry" ("booked_at") include ("household_id", "kind", "satang");`);
    this.addSql(`drop index if exists "IDX_ledger_entry_booked_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index if not exists "IDX_ledger_entry_booked_at" on "ledger_entry" ("booked_at");`);
    this.addSql(`drop index if exists "IDX_ledger_entry_booked_at_totals";`);
  }

}
