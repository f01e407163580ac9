import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// The household private-data reveal log (issue 15, docs/decisions/0056-masked-household-private-data.md).
export class Migration20261202203000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "private_data_reveal" ("id" text not null, "household_id" text not null, "field" text not null, "user_id" text not null, "revealed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "private_data_reveal_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_private_data_reveal_household_id" ON "private_data_reveal" ("household_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_private_data_reveal_deleted_at" ON "private_data_reveal" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "private_data_reveal" cascade;`);
  }

}
