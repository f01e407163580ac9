import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// A member marks a buyer's label report handled, with a note (docs/decisions/0061-label-reports.md).
export class Migration20261203150000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "label_report" add column if not exists "handled_at" timestamptz null, add column if not exists "handled_by" text null, add column if not exists "handled_note" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "label_report" drop column if exists "handled_at", drop column if exists "handled_by", drop column if exists "handled_note";`);
  }

}
