import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Who recorded a household's consent, and when (PDPA: consent must be demonstrable).
export class Migration20261125101500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "household" add column if not exists "consent_recorded_at" timestamptz null, add column if not exists "consent_recorded_by" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "household" drop column if exists "consent_recorded_at", drop column if exists "consent_recorded_by";`);
  }

}
