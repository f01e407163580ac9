import crypto from "node:crypto"
import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { checkConsumption, generateSerial, gramsToKg, kgToGrams, nextLotNumber } from "../index"
import {
  Batch,
  BatchInput,
  Certification,
  HarvestLot,
  HerbPage,
  HerbRecipe,
  HerbSpecies,
  Household,
  LabelUnit,
  Plot,
  ScanEvent,
} from "./models"

/** The part of MikroORM's EntityManager used for the few statements that need explicit locks. */
type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]> }

export type ConsumeInput = {
  /** The batch's id, chosen before the transaction (the variant link is written first, see create-batch). */
  id: string
  lot_prefix: string
  produced_on: string
  best_before: string | null
  units_planned: number
  inputs: { harvest_lot_id: string; kg: number }[]
  /** Label units to issue with the batch, in the same transaction (0 = none). */
  issue_units: number
  created_by: string | null
}

export type ScanUpdate = {
  label_unit_id: string
  serial: string
  batch_id: string
  scan_count: number
  network_count: number
  first_scan_at: Date
  /** The networks of this call that had not opened this serial before. */
  new_networks: string[]
}

export type ScanUnit = { id: string; serial: string; batch_id: string; lot_number: string; scan_count: number; network_count: number; first_scan_at: Date | null }

export type ScanEventRow = {
  gtin: string
  lot: string
  serial: string
  label_unit_id: string | null
  ip_hash: string
  verdict: string
  scanned_at: Date
}

export type HouseholdPhoto = { file_name: string; content_type: string; data: Buffer }

/** A new unguessable photo file name: 128 random bits and the type's extension. */
function photoFileName(contentType: string): string {
  return `${crypto.randomBytes(16).toString("hex")}.${contentType === "image/png" ? "png" : "jpg"}`
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ")
}

type LotGrams = { id: string; grams_harvested: number; grams_used: number }

/** 400 NOT_ALLOWED with code IN_USE: the record is still referred to. */
function inUse(message: string, message_th: string): MedusaError {
  return Object.assign(new MedusaError(MedusaError.Types.NOT_ALLOWED, message, "IN_USE"), { message_th })
}

/** The core's mass balance on harvest lots; refuses with its message and code. */
function assertConsumable(inputs: ConsumeInput["inputs"], lots: LotGrams[]): void {
  const check = checkConsumption(
    inputs.map((i) => ({ harvestLotId: i.harvest_lot_id, plotId: "", householdId: "", speciesId: "", kgUsed: i.kg })),
    lots.map((lot) => ({
      harvestLotId: lot.id,
      kgHarvested: gramsToKg(lot.grams_harvested),
      kgAlreadyUsed: gramsToKg(lot.grams_used),
    }))
  )
  if (!check.ok) {
    // message_th: the backend's error handler adds it to the answer (docs/decisions/0021-conventions.md).
    const error = new MedusaError(MedusaError.Types.NOT_ALLOWED, check.problems.map((p) => p.message_en).join(" "), check.problems[0]?.code)
    throw Object.assign(error, { message_th: check.problems.map((p) => p.message_th).join(" ") })
  }
}

class TraceabilityModuleService extends MedusaService({
  HerbPage,
  HerbRecipe,
  HerbSpecies,
  Household,
  Plot,
  Certification,
  HarvestLot,
  Batch,
  BatchInput,
  LabelUnit,
  ScanEvent,
}) {
  /**
   * Creates a draft batch, takes its herb from the harvest lots and issues its first label units, in
   * ONE transaction that locks the lot rows first (SELECT … FOR UPDATE, in id order so two batches
   * cannot deadlock). A second request racing for the same kilograms waits for the lock, then sees
   * what the first one used. A crash leaves either all of it or none of it.
   */
  @InjectTransactionManager()
  async createBatchConsuming(input: ConsumeInput, @MedusaContext() ctx: Context = {}): Promise<{ id: string; lot_number: string }> {
    const em = ctx.transactionManager as SqlManager
    const lotIds = [...new Set(input.inputs.map((i) => i.harvest_lot_id))].sort()
    if (lotIds.length === 0) {
      throw Object.assign(new MedusaError(MedusaError.Types.INVALID_DATA, "a batch needs at least one harvest lot"), { message_th: "ล็อตการผลิตต้องมีล็อตเก็บเกี่ยวอย่างน้อยหนึ่งล็อต" })
    }

    const rows = await em.execute(
      `select id, grams_harvested, grams_used from harvest_lot where deleted_at is null and id in (${placeholders(lotIds.length)}) order by id for update`,
      lotIds
    )
    assertConsumable(
      input.inputs,
      rows.map((r) => ({ id: String(r.id), grams_harvested: Number(r.grams_harvested), grams_used: Number(r.grams_used) }))
    )

    // One lot number per prefix and month: serialise numbering per prefix for this transaction.
    await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`maemok-lot:${input.lot_prefix}`])
    const existing = await em.execute(`select lot_number from batch where lot_number like ?`, [`${input.lot_prefix}-%`])
    const lotNumber = nextLotNumber(input.lot_prefix, input.produced_on, existing.map((r) => String(r.lot_number)))

    const grams = new Map<string, number>()
    for (const line of input.inputs) {
      grams.set(line.harvest_lot_id, (grams.get(line.harvest_lot_id) ?? 0) + kgToGrams(line.kg))
    }
    for (const [id, g] of grams) {
      await em.execute(`update harvest_lot set grams_used = grams_used + ?, updated_at = now() where id = ?`, [g, id])
    }

    const batch = await this.createBatches(
      {
        id: input.id,
        lot_number: lotNumber,
        produced_on: input.produced_on,
        best_before: input.best_before,
        units_planned: input.units_planned,
        status: "draft",
        created_by: input.created_by,
        updated_by: input.created_by,
      },
      ctx
    )
    await this.createBatchInputs(
      [...grams].map(([harvest_lot_id, grams_used]) => ({ batch_id: batch.id, harvest_lot_id, grams_used })),
      ctx
    )
    if (input.issue_units > 0) await this.issueLabelUnits(batch.id, input.issue_units, ctx)
    return { id: batch.id, lot_number: batch.lot_number }
  }

  /** Issues `count` label units (random 80-bit serials) of a batch; in the caller's transaction when given one. */
  @InjectTransactionManager()
  async issueLabelUnits(batchId: string, count: number, @MedusaContext() ctx: Context = {}) {
    return this.createLabelUnits(Array.from({ length: count }, () => ({ batch_id: batchId, serial: generateSerial(), scan_count: 0 })), ctx)
  }

  /**
   * The same mass-balance check without locks or writes: refuses a batch the lots cannot supply
   * before anything is written (createBatchConsuming checks again under its locks).
   */
  async checkConsumable(inputs: ConsumeInput["inputs"]): Promise<void> {
    const lots = await this.listHarvestLots({ id: [...new Set(inputs.map((i) => i.harvest_lot_id))] }, { select: ["id", "grams_harvested", "grams_used"] })
    assertConsumable(inputs, lots)
  }

  /** Compensation of createBatchConsuming: gives the grams back and removes the batch for good. */
  @InjectTransactionManager()
  async deleteBatchConsuming(batchId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const inputs = await em.execute(`select harvest_lot_id, grams_used from batch_input where batch_id = ? and deleted_at is null order by harvest_lot_id`, [batchId])
    if (inputs.length > 0) {
      const ids = inputs.map((r) => String(r.harvest_lot_id))
      await em.execute(`select id from harvest_lot where id in (${placeholders(ids.length)}) order by id for update`, ids)
      for (const r of inputs) {
        await em.execute(`update harvest_lot set grams_used = grams_used - ?, updated_at = now() where id = ?`, [Number(r.grams_used), String(r.harvest_lot_id)])
      }
    }
    await em.execute(`delete from label_unit where batch_id = ?`, [batchId])
    await em.execute(`delete from batch_input where batch_id = ?`, [batchId])
    await em.execute(`delete from batch where id = ?`, [batchId])
  }

  /**
   * The scan path, in plain statements (it runs for every buyer's scan; ORM entities and their events would
   * cost more than the work). First: the label units of these serials with their batch's lot, in one query.
   */
  @InjectManager()
  async findUnitsForScans(serials: string[], @MedusaContext() ctx: Context = {}): Promise<ScanUnit[]> {
    if (serials.length === 0) return []
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `select u.id, u.serial, u.batch_id, u.scan_count, u.network_count, u.first_scan_at, b.lot_number
       from label_unit u join batch b on b.id = u.batch_id
       where u.deleted_at is null and u.serial in (${placeholders(serials.length)})`,
      serials
    )
    return rows.map((r) => ({
      id: String(r.id),
      serial: String(r.serial),
      batch_id: String(r.batch_id),
      lot_number: String(r.lot_number),
      scan_count: Number(r.scan_count),
      network_count: Number(r.network_count),
      first_scan_at: r.first_scan_at ? new Date(r.first_scan_at as string | Date) : null,
    }))
  }

  /**
   * Counts scans of several serials in ONE statement. Every view adds to `scan_count` (statistics); a network
   * (salted hash, see scanNetwork) that has not opened that serial before is added to `label_unit_network` and
   * to `network_count` (what the verdict judges). `n` views of a serial add `n` atomically and a network is
   * new for exactly one statement (primary key, ON CONFLICT DO NOTHING), so concurrent batches and several
   * server processes each get their own range of counts. New pairs are inserted in key order, so two
   * statements waiting for each other's rows cannot deadlock. Returns the counts after this statement (for
   * the serials that have a label unit) and which of the given networks were new.
   */
  @InjectManager()
  async countScans(scans: { serial: string; network_hash: string }[], @MedusaContext() ctx: Context = {}): Promise<ScanUpdate[]> {
    if (scans.length === 0) return []
    const em = ctx.manager as SqlManager
    const rows = await em.execute(
      `with v(serial, network_hash) as (values ${scans.map(() => "(?, ?)").join(", ")}),
       new_networks as (
         insert into label_unit_network (label_unit_id, network_hash)
         select distinct u.id, v.network_hash from v join label_unit u on u.serial = v.serial and u.deleted_at is null
         order by 1, 2
         on conflict do nothing
         returning label_unit_id, network_hash
       ),
       views as (select serial, count(*)::int as n from v group by serial)
       update label_unit u set scan_count = u.scan_count + views.n,
         network_count = u.network_count + (select count(*)::int from new_networks nn where nn.label_unit_id = u.id),
         first_scan_at = coalesce(u.first_scan_at, now()), updated_at = now()
       from views
       where u.serial = views.serial and u.deleted_at is null
       returning u.id, u.serial, u.batch_id, u.scan_count, u.network_count, u.first_scan_at,
         (select coalesce(array_agg(nn.network_hash), '{}') from new_networks nn where nn.label_unit_id = u.id) as new_networks`,
      scans.flatMap((s) => [s.serial, s.network_hash])
    )
    return rows.map((row) => ({
      label_unit_id: String(row.id),
      serial: String(row.serial),
      batch_id: String(row.batch_id),
      scan_count: Number(row.scan_count),
      network_count: Number(row.network_count),
      first_scan_at: new Date(row.first_scan_at as string | Date),
      new_networks: (row.new_networks as string[]).map(String),
    }))
  }

  /**
   * Household photos (docs/decisions/0020-household-photos-and-alias.md), in plain statements on the
   * household_photo table. Sets the household's one photo under a new random file name, replacing any
   * earlier one, and records the name on the household (which changes the content stamp, decision 0011).
   */
  @InjectTransactionManager()
  async setHouseholdPhoto(
    householdId: string,
    photo: { content_type: string; data: Buffer },
    actor: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<string> {
    const em = ctx.transactionManager as SqlManager
    const fileName = photoFileName(photo.content_type)
    await em.execute(`delete from household_photo where household_id = ?`, [householdId])
    await em.execute(`insert into household_photo (file_name, household_id, content_type, data, created_by) values (?, ?, ?, ?, ?)`, [
      fileName, householdId, photo.content_type, photo.data, actor,
    ])
    await em.execute(`update household set photo_file = ?, updated_at = now(), updated_by = ? where id = ?`, [fileName, actor, householdId])
    return fileName
  }

  /** Deletes the household's photo (its bytes too). */
  @InjectTransactionManager()
  async removeHouseholdPhoto(householdId: string, actor: string | null, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    await em.execute(`delete from household_photo where household_id = ?`, [householdId])
    await em.execute(`update household set photo_file = null, updated_at = now(), updated_by = ? where id = ? and photo_file is not null`, [actor, householdId])
  }

  /**
   * Gives the household's photo a new random file name: after the photo consent is withdrawn, the address
   * that was public must never serve it again, even if the consent is given again later.
   */
  @InjectTransactionManager()
  async renameHouseholdPhoto(householdId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [photo] = await em.execute(`select content_type from household_photo where household_id = ? for update`, [householdId])
    if (!photo) return
    const fileName = photoFileName(String(photo.content_type))
    await em.execute(`update household_photo set file_name = ? where household_id = ?`, [fileName, householdId])
    await em.execute(`update household set photo_file = ?, updated_at = now() where id = ?`, [fileName, householdId])
  }

  /** A photo by its public file name, only while its household exists and consents to showing it. */
  @InjectManager()
  async findPublicHouseholdPhoto(fileName: string, @MedusaContext() ctx: Context = {}): Promise<HouseholdPhoto | null> {
    const em = ctx.manager as SqlManager
    const [row] = await em.execute(
      `select p.file_name, p.content_type, p.data from household_photo p
       join household h on h.id = p.household_id and h.photo_file = p.file_name
       where p.file_name = ? and h.consent_photo and h.deleted_at is null`,
      [fileName]
    )
    return row ? { file_name: String(row.file_name), content_type: String(row.content_type), data: row.data as Buffer } : null
  }

  /** The household's photo whatever its consent (the admin's view). */
  @InjectManager()
  async findHouseholdPhoto(householdId: string, @MedusaContext() ctx: Context = {}): Promise<HouseholdPhoto | null> {
    const em = ctx.manager as SqlManager
    const [row] = await em.execute(`select file_name, content_type, data from household_photo where household_id = ?`, [householdId])
    return row ? { file_name: String(row.file_name), content_type: String(row.content_type), data: row.data as Buffer } : null
  }

  /*
   * Admin master-data deletes and the household update (issue 11 item 5): each is one transaction, the check that
   * may refuse it included, as Medusa's own services do for their entities. Refusals carry message_th (the
   * backend's error handler answers it; docs/decisions/0021-conventions.md).
   */

  /** Deletes a plot with its certifications; refused (IN_USE) while a harvest lot names the plot. */
  @InjectTransactionManager()
  async deletePlotWithCertifications(plotId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [plot] = await em.execute(`select code from plot where id = ? and deleted_at is null for update`, [plotId])
    if (!plot) return
    const [harvest] = await em.execute(`select 1 from harvest_lot where plot_id = ? and deleted_at is null limit 1`, [plotId])
    if (harvest) {
      throw inUse(`Plot ${String(plot.code)} has recorded harvests and cannot be deleted`, `แปลง ${String(plot.code)} มีบันทึกการเก็บเกี่ยวแล้ว ลบไม่ได้`)
    }
    const certifications = await this.listCertifications({ plot_id: plotId }, { select: ["id"] }, ctx)
    if (certifications.length) await this.deleteCertifications(certifications.map((c) => c.id), ctx)
    await this.deletePlots(plotId, ctx)
  }

  /** Deletes a household with its photo; refused (IN_USE) while it has plots. */
  @InjectTransactionManager()
  async deleteHouseholdWithPhoto(householdId: string, actor: string | null, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [household] = await em.execute(`select code from household where id = ? and deleted_at is null for update`, [householdId])
    if (!household) return
    const [plot] = await em.execute(`select 1 from plot where household_id = ? and deleted_at is null limit 1`, [householdId])
    if (plot) {
      const code = String(household.code)
      throw inUse(`Household ${code} still has plots; delete or move them first`, `ครัวเรือน ${code} ยังมีแปลงปลูกอยู่ โปรดลบหรือย้ายแปลงก่อน`)
    }
    await this.removeHouseholdPhoto(householdId, actor, ctx)
    await this.deleteHouseholds(householdId, ctx)
  }

  /** Deletes a herb species; refused (IN_USE) while a harvest lot is of it. */
  @InjectTransactionManager()
  async deleteUnusedHerbSpecies(speciesId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const em = ctx.transactionManager as SqlManager
    const [species] = await em.execute(`select thai_name from herb_species where id = ? and deleted_at is null for update`, [speciesId])
    if (!species) return
    const [harvest] = await em.execute(`select 1 from harvest_lot where species_id = ? and deleted_at is null limit 1`, [speciesId])
    if (harvest) {
      const name = String(species.thai_name)
      throw inUse(`${name} has recorded harvests and cannot be deleted`, `${name} มีบันทึกการเก็บเกี่ยวแล้ว ลบไม่ได้`)
    }
    await this.deleteHerbSpecies(speciesId, ctx)
  }

  /**
   * Updates a household; when its photo consent is withdrawn, the photo gets a new file name in the same
   * transaction (the address that was public must never serve it again).
   */
  @InjectTransactionManager()
  async updateHouseholdAndPhoto(
    data: Parameters<TraceabilityModuleService["createHouseholds"]>[0][number] & { id: string },
    options: { photoConsentWithdrawn: boolean },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.updateHouseholds(data, ctx)
    if (options.photoConsentWithdrawn) await this.renameHouseholdPhoto(data.id, ctx)
  }

  /** Stores scan events in one INSERT (ids as the model makes them). */
  @InjectManager()
  async insertScanEvents(events: ScanEventRow[], @MedusaContext() ctx: Context = {}): Promise<void> {
    if (events.length === 0) return
    const em = ctx.manager as SqlManager
    await em.execute(
      `insert into scan_event (id, gtin, lot, serial, label_unit_id, ip_hash, verdict, scanned_at, created_at, updated_at)
       values ${events.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, now(), now())").join(", ")}`,
      events.flatMap((e) => [generateEntityId(undefined, "scan"), e.gtin, e.lot, e.serial, e.label_unit_id, e.ip_hash, e.verdict, e.scanned_at])
    )
  }
}

export default TraceabilityModuleService
