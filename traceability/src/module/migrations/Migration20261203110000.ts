import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// English versions of the texts the public pages show (issue 15, decision 0068). All optional: the storefront
// shows the Thai text marked lang="th" while one is empty.
export class Migration20261203110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "household" add column if not exists "alias_en" text null, add column if not exists "village_en" text null, add column if not exists "given_name_en" text null, add column if not exists "story_en" text null;`);
    this.addSql(`alter table if exists "plot" add column if not exists "village_en" text null;`);
    this.addSql(`alter table if exists "herb_species" add column if not exists "english_name" text null, add column if not exists "part_used_en" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "household" drop column if exists "alias_en", drop column if exists "village_en", drop column if exists "given_name_en", drop column if exists "story_en";`);
    this.addSql(`alter table if exists "plot" drop column if exists "village_en";`);
    this.addSql(`alter table if exists "herb_species" drop column if exists "english_name", drop column if exists "part_used_en";`);
  }

}
