import { fileURLToPath } from "node:url"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest"
import { dropDatabase } from "../../../backend/launcher/database"
import "../../../tests/support/env"
import type TraceabilityModuleService from "./service"

// The module's own SQL (row locks, lot numbering, scan counting), tested on the module alone: Medusa's
// moduleIntegrationTestRunner loads the BUILT module (dist/, as Medusa loads it) into a database of its own,
// runs the module's migrations before each test and drops its tables after. It is written for Jest and
// declares its suite with the global describe/beforeEach/…, so vitest's are made global for it.
Object.assign(globalThis, { describe, beforeAll, beforeEach, afterEach, afterAll })

// The runner reads the server from DB_* variables: the test PostgreSQL of the global setup.
const server = new URL(inject("dbServerUrl"))
Object.assign(process.env, {
  DB_HOST: server.hostname,
  DB_PORT: server.port || "5432",
  DB_USERNAME: decodeURIComponent(server.username),
  DB_PASSWORD: decodeURIComponent(server.password),
})
const dbName = `maemok_module_${process.pid}`
afterAll(() => dropDatabase(server.toString(), dbName))

const moduleDir = fileURLToPath(new URL("../../dist/module", import.meta.url))

moduleIntegrationTestRunner<TraceabilityModuleService>({
  moduleName: "traceability",
  resolve: moduleDir,
  pathToMigrations: `${moduleDir}/migrations`,
  dbName,
  testSuite: ({ service }) => {
    async function harvest(kg: number) {
      return service.createHarvestLots({
        plot_id: "plot_1",
        household_id: "hh_1",
        species_id: "sp_1",
        harvested_on: "2026-11-01",
        grams_harvested: kg * 1000,
        grams_used: 0,
        certifications: [],
      })
    }

    let nextBatch = 0
    function batchInput(inputs: { harvest_lot_id: string; kg: number }[], issue_units = 0) {
      nextBatch += 1
      return {
        id: `batch_test_${nextBatch}_${Date.now()}`,
        lot_prefix: "MO",
        produced_on: "2026-11-15",
        best_before: null,
        units_planned: 10,
        inputs,
        issue_units,
        created_by: "user_test",
      }
    }

    const gramsUsed = async (id: string) => (await service.retrieveHarvestLot(id)).grams_used

    describe("createBatchConsuming", () => {
      it("takes the grams from the harvest lots, numbers the lot and issues its units in one go", async () => {
        const [a, b] = [await harvest(5), await harvest(2)]
        const made = await service.createBatchConsuming(
          batchInput([
            { harvest_lot_id: a.id, kg: 1.5 },
            { harvest_lot_id: b.id, kg: 0.25 },
            { harvest_lot_id: a.id, kg: 0.5 },
          ], 3)
        )
        expect(made.lot_number).toBe("MO-2611-01")
        expect(await gramsUsed(a.id)).toBe(2000)
        expect(await gramsUsed(b.id)).toBe(250)
        const [batch] = await service.listBatches({ id: made.id }, { relations: ["inputs", "units"] })
        expect(batch).toMatchObject({ status: "draft", units_planned: 10, created_by: "user_test" })
        // One input row per harvest lot, with the grams summed.
        expect(batch!.inputs.map((i) => [i.harvest_lot_id, i.grams_used]).sort()).toEqual([[a.id, 2000], [b.id, 250]].sort())
        expect(batch!.units).toHaveLength(3)
        expect(new Set(batch!.units.map((u) => u.serial)).size).toBe(3)
        expect(batch!.units.every((u) => /^[0-9A-HJKMNP-TV-Z]{16}$/.test(u.serial) && u.scan_count === 0)).toBe(true)

        // The next batch of the prefix in the same month gets the next number.
        const second = await service.createBatchConsuming(batchInput([{ harvest_lot_id: b.id, kg: 1 }]))
        expect(second.lot_number).toBe("MO-2611-02")
      })

      it("refuses more kilograms than a lot has left, and writes nothing", async () => {
        const lot = await harvest(2)
        await service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 1.5 }]))
        const refused = batchInput([{ harvest_lot_id: lot.id, kg: 0.6 }], 5)
        await expect(service.createBatchConsuming(refused)).rejects.toMatchObject({ type: "not_allowed", code: "EXCEEDS_REMAINING" })
        expect(await gramsUsed(lot.id)).toBe(1500)
        expect(await service.listBatches({ id: refused.id }, { withDeleted: true })).toHaveLength(0)
        expect(await service.listBatchInputs({ batch_id: refused.id })).toHaveLength(0)
        expect(await service.listLabelUnits({})).toHaveLength(0)
        // The same check without locks or writes, before a workflow writes anything.
        await expect(service.checkConsumable([{ harvest_lot_id: lot.id, kg: 0.6 }])).rejects.toMatchObject({ type: "not_allowed" })
        await expect(service.checkConsumable([{ harvest_lot_id: lot.id, kg: 0.5 }])).resolves.toBeUndefined()
      })

      it("refuses unknown and deleted harvest lots, and a batch without any", async () => {
        const lot = await harvest(3)
        await service.softDeleteHarvestLots([lot.id])
        const unknown = { type: "not_allowed", code: "UNKNOWN_HARVEST_LOT" }
        await expect(service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 1 }]))).rejects.toMatchObject(unknown)
        await expect(service.createBatchConsuming(batchInput([{ harvest_lot_id: "hl_nothing", kg: 1 }]))).rejects.toMatchObject(unknown)
        await expect(service.createBatchConsuming(batchInput([]))).rejects.toMatchObject({ type: "invalid_data" })
        expect(await service.listBatches({})).toHaveLength(0)
      })

      it("lets racing batches take only what the lots hold: the row locks serialise them", async () => {
        const [a, b] = [await harvest(3), await harvest(3)]
        // Eight batches of 1 kg from both lots, listed in opposite orders (the id-ordered locks cannot deadlock).
        const racing = Array.from({ length: 8 }, (_, i) =>
          batchInput(i % 2 ? [{ harvest_lot_id: a.id, kg: 0.5 }, { harvest_lot_id: b.id, kg: 0.5 }] : [{ harvest_lot_id: b.id, kg: 0.5 }, { harvest_lot_id: a.id, kg: 0.5 }])
        )
        const results = await Promise.allSettled(racing.map((input) => service.createBatchConsuming(input)))
        const made = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))
        expect(made).toHaveLength(6)
        for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ type: "not_allowed" })
        expect(await gramsUsed(a.id)).toBe(3000)
        expect(await gramsUsed(b.id)).toBe(3000)
        // Every lot number once, in sequence (numbering is serialised per prefix).
        expect(made.map((m) => m.lot_number).sort()).toEqual(["MO-2611-01", "MO-2611-02", "MO-2611-03", "MO-2611-04", "MO-2611-05", "MO-2611-06"])
        const inputs = await service.listBatchInputs({})
        expect(inputs.reduce((sum, i) => sum + i.grams_used, 0)).toBe(6000)
      })
    })

    it("deleteBatchConsuming gives the grams back and removes the batch, its inputs and its units for good", async () => {
      const lot = await harvest(4)
      const kept = await service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 1 }], 2))
      const gone = await service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 2.5 }], 4))
      expect(await gramsUsed(lot.id)).toBe(3500)
      await service.deleteBatchConsuming(gone.id)
      expect(await gramsUsed(lot.id)).toBe(1000)
      expect(await service.listBatches({ id: gone.id }, { withDeleted: true })).toHaveLength(0)
      expect(await service.listBatchInputs({ batch_id: gone.id }, { withDeleted: true })).toHaveLength(0)
      expect(await service.listLabelUnits({ batch_id: gone.id }, { withDeleted: true })).toHaveLength(0)
      expect(await service.listLabelUnits({ batch_id: kept.id })).toHaveLength(2)
      // A batch that was never written (its workflow failed before): nothing to give back, no error.
      await expect(service.deleteBatchConsuming("batch_never_written")).resolves.toBeUndefined()
    })

    it("issueLabelUnits adds units with fresh serials to a batch", async () => {
      const lot = await harvest(1)
      const batch = await service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 1 }], 2))
      const units = await service.issueLabelUnits(batch.id, 5)
      expect(units).toHaveLength(5)
      const all = await service.listLabelUnits({ batch_id: batch.id })
      expect(all).toHaveLength(7)
      expect(new Set(all.map((u) => u.serial)).size).toBe(7)
    })

    describe("master-data deletes, one transaction each", () => {
      const place = { village: "Mae Mok", tambon: "Mae Mok", amphoe: "Thoen", province: "Lampang" }
      async function plotWithCertification(code: string) {
        const household = await service.createHouseholds({ code: `HH-${code}`, alias: `alias ${code}`, ...place })
        const plot = await service.createPlots({ code, household_id: household.id, species_ids: ["sp_1"], ...place })
        const cert = await service.createCertifications({
          plot_id: plot.id, scheme: "PGS", certificate_number: `C-${code}`, certifying_body: "PGS Lampang", valid_from: "2026-01-01", valid_until: "2027-01-01",
        })
        return { household, plot, cert }
      }

      it("deletes a plot with its certifications, and refuses (IN_USE, in Thai too) while a harvest names it, deleting nothing", async () => {
        const { plot, cert } = await plotWithCertification("P-DEL")
        await service.deletePlotWithCertifications(plot.id)
        expect(await service.listPlots({ id: plot.id })).toHaveLength(0)
        expect(await service.listCertifications({ id: cert.id })).toHaveLength(0)

        const used = await plotWithCertification("P-USED")
        await service.createHarvestLots({ plot_id: used.plot.id, household_id: used.household.id, species_id: "sp_1", harvested_on: "2026-11-01", grams_harvested: 1000, grams_used: 0, certifications: [] })
        await expect(service.deletePlotWithCertifications(used.plot.id)).rejects.toMatchObject({ type: "not_allowed", code: "IN_USE", message_th: expect.stringMatching(/ลบไม่ได้/) })
        expect(await service.listPlots({ id: used.plot.id })).toHaveLength(1)
        expect(await service.listCertifications({ id: used.cert.id })).toHaveLength(1)
      })

      it("deletes a household with its photo only once it has no plots", async () => {
        const { household, plot } = await plotWithCertification("P-HH")
        await service.setHouseholdPhoto(household.id, { content_type: "image/png", data: Buffer.from("png") }, null)
        await expect(service.deleteHouseholdWithPhoto(household.id, null)).rejects.toMatchObject({ code: "IN_USE", message_th: expect.stringMatching(/แปลงปลูก/) })
        expect(await service.findHouseholdPhoto(household.id)).not.toBeNull()
        await service.deletePlotWithCertifications(plot.id)
        await service.deleteHouseholdWithPhoto(household.id, null)
        expect(await service.listHouseholds({ id: household.id })).toHaveLength(0)
        expect(await service.findHouseholdPhoto(household.id)).toBeNull()
      })

      it("deletes a herb species only while no harvest is of it", async () => {
        const free = await service.createHerbSpecies({ thai_name: "ไพล", scientific_name: "Zingiber montanum", part_used: "rhizome" })
        await service.deleteUnusedHerbSpecies(free.id)
        expect(await service.listHerbSpecies({ id: free.id })).toHaveLength(0)
        const used = await service.createHerbSpecies({ thai_name: "ขมิ้นชัน", scientific_name: "Curcuma longa", part_used: "rhizome" })
        await service.createHarvestLots({ plot_id: "plot_1", household_id: "hh_1", species_id: used.id, harvested_on: "2026-11-01", grams_harvested: 1000, grams_used: 0, certifications: [] })
        await expect(service.deleteUnusedHerbSpecies(used.id)).rejects.toMatchObject({ code: "IN_USE" })
        expect(await service.listHerbSpecies({ id: used.id })).toHaveLength(1)
      })
    })

    describe("the scan path", () => {
      async function unitsOfABatch(count: number) {
        const lot = await harvest(1)
        const batch = await service.createBatchConsuming(batchInput([{ harvest_lot_id: lot.id, kg: 1 }], count))
        const units = await service.listLabelUnits({ batch_id: batch.id })
        return { batch, serials: units.map((u) => u.serial) }
      }

      it("findUnitsForScans answers the units of known serials with their lot, and nothing for the rest", async () => {
        const { batch, serials } = await unitsOfABatch(3)
        expect(await service.findUnitsForScans([])).toEqual([])
        const found = await service.findUnitsForScans([serials[0]!, "0000000000000000", serials[2]!])
        expect(found.map((u) => u.serial).sort()).toEqual([serials[0], serials[2]].sort())
        expect(found[0]).toMatchObject({ batch_id: batch.id, lot_number: batch.lot_number, scan_count: 0, first_scan_at: null })
      })

      it("countScans counts every view and each new network once, in one statement; keeps the first scan time; skips unknown serials", async () => {
        const { batch, serials } = await unitsOfABatch(2)
        const [s1, s2] = serials as [string, string]
        const view = (serial: string, network_hash: string) => ({ serial, network_hash })
        expect(await service.countScans([])).toEqual([])
        const first = await service.countScans([view(s1, "net-a"), view(s1, "net-a"), view(s1, "net-a"), view("0000000000000000", "net-a")])
        expect(first).toHaveLength(1)
        expect(first[0]).toMatchObject({ serial: s1, batch_id: batch.id, scan_count: 3, network_count: 1, new_networks: ["net-a"] })
        const firstScanAt = first[0]!.first_scan_at
        await new Promise((r) => setTimeout(r, 20))
        const second = await service.countScans([view(s1, "net-a"), view(s1, "net-b"), view(s2, "net-a")])
        const bySerial = new Map(second.map((u) => [u.serial, u]))
        expect(bySerial.get(s1)).toMatchObject({ scan_count: 5, network_count: 2, new_networks: ["net-b"] })
        expect(bySerial.get(s1)!.first_scan_at.getTime()).toBe(firstScanAt.getTime())
        expect(bySerial.get(s2)).toMatchObject({ scan_count: 1, network_count: 1, new_networks: ["net-a"] })
        // A deleted unit is not counted.
        const [unit2] = await service.listLabelUnits({ serial: s2 })
        await service.softDeleteLabelUnits([unit2!.id])
        expect(await service.countScans([view(s2, "net-c")])).toEqual([])
      })

      it("countScans loses no view and counts each network once when many count the same serial at once", async () => {
        const { serials } = await unitsOfABatch(1)
        const serial = serials[0]!
        // Call i brings i + 1 views from network i % 3.
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => service.countScans(Array.from({ length: i + 1 }, () => ({ serial, network_hash: `net-${i % 3}` }))))
        )
        const [unit] = await service.listLabelUnits({ serial })
        expect(unit!.scan_count).toBe(210)
        expect(unit!.network_count).toBe(3)
        // Each statement saw its own total: 20 distinct counts, the highest of them the final one.
        const counts = results.map((r) => r[0]!.scan_count)
        expect(new Set(counts).size).toBe(20)
        expect(Math.max(...counts)).toBe(210)
        // Each network was new for exactly one statement.
        expect(results.flatMap((r) => r[0]!.new_networks).sort()).toEqual(["net-0", "net-1", "net-2"])
      })

      it("insertScanEvents stores the events in one insert with the model's ids", async () => {
        await service.insertScanEvents([])
        expect(await service.listScanEvents({})).toHaveLength(0)
        const scannedAt = new Date("2026-11-20T03:04:05.000Z")
        await service.insertScanEvents([
          { gtin: "08859999000012", lot: "MO-2611-01", serial: "AAAA", label_unit_id: "lu_1", ip_hash: "h1", verdict: "genuine_first", scanned_at: scannedAt },
          { gtin: "08859999000012", lot: "MO-2611-01", serial: "BBBB", label_unit_id: null, ip_hash: "h2", verdict: "unknown_serial", scanned_at: scannedAt },
        ])
        const events = await service.listScanEvents({}, { order: { serial: "ASC" } })
        expect(events).toHaveLength(2)
        expect(events.every((e) => /^scan_/.test(e.id))).toBe(true)
        expect(events[0]).toMatchObject({ serial: "AAAA", label_unit_id: "lu_1", ip_hash: "h1", verdict: "genuine_first" })
        expect(events[1]).toMatchObject({ serial: "BBBB", label_unit_id: null, verdict: "unknown_serial" })
        expect(new Date(events[0]!.scanned_at).toISOString()).toBe(scannedAt.toISOString())
      })
    })
  },
})
