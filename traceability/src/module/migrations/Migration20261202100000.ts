import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// Household photos leave the public /static folder (docs/decisions/0020-household-photos-and-alias.md): the
// bytes live in household_photo under a random file name, served by a route that checks the photo consent on
// every request. A plain table (no model): only the photo routes read and write it, and the bytes must not be
// loaded with every household. The old photo_url links (files under /static or elsewhere) are dropped: a photo
// is uploaded again through the admin.
export class Migration20261202100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "household" add column if not exists "photo_file" text null;`);
    this.addSql(`create table if not exists "household_photo" ("file_name" text not null, "household_id" text not null references "household" ("id") on delete cascade, "content_type" text not null, "data" bytea not null, "created_at" timestamptz not null default now(), "created_by" text null, constraint "household_photo_pkey" primary key ("file_name"), constraint "household_photo_household_unique" unique ("household_id"));`);
    this.addSql(`alter table if exists "household" drop column if exists "photo_url";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "household" add column if not exists "photo_url" text null;`);
    this.addSql(`drop table if exists "household_photo";`);
    this.addSql(`alter table if exists "household" drop column if exists "photo_file";`);
  }

}
