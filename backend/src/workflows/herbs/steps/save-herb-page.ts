import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkHerbPage, type HerbPageInput } from "@mae-mok/traceability"
import { conflict, fromCore, invalid, notFound } from "../../../lib/errors"
import { herbPageInput, namedHouseholds } from "../../../lib/herbs/records"
import { traceability } from "../../../lib/traceability/service"

export type SaveHerbPageInput = {
  /** Absent to create the species' page. */
  id?: string
  species_id?: string
  page: HerbPageInput & { published: boolean }
  actor_id: string | null
}

type Undo = { created: string } | { previous: Record<string, unknown> }

/** Creates or updates a herb page after the core's checks (sources, no cure claims, consent when a household is named). */
export const saveHerbPageStep = createStep(
  "save-herb-page",
  async (input: SaveHerbPageInput, { container }) => {
    const service = traceability(container)
    const checked = checkHerbPage(input.page, await namedHouseholds(container))
    if (!checked.ok) throw invalid(fromCore({ ...checked, message_en: `${checked.field}: ${checked.message_en}`, message_th: `${checked.field}: ${checked.message_th}` }))
    // uses and photos are JSON arrays; Medusa types json columns as objects.
    const page = { ...checked.page, uses: checked.page.uses as unknown as Record<string, unknown>, photos: checked.page.photos as unknown as Record<string, unknown>, published: input.page.published }

    const [sameSlug] = await service.listHerbPages({ slug: page.slug })
    if (sameSlug && sameSlug.id !== input.id) {
      throw conflict({ code: "SLUG_TAKEN", message: `Another herb page already uses the address ${page.slug}`, message_th: `ที่อยู่ ${page.slug} ถูกใช้กับหน้าสมุนไพรอื่นแล้ว` })
    }

    if (!input.id) {
      const [species] = await service.listHerbSpecies({ id: input.species_id ?? "" })
      if (!species) throw notFound({ en: "Herb species", th: "ชนิดสมุนไพร" }, input.species_id ?? "")
      const [existing] = await service.listHerbPages({ species_id: species.id })
      if (existing) throw conflict({ code: "PAGE_EXISTS", message: `${species.thai_name} already has a page`, message_th: `${species.thai_name} มีหน้าสมุนไพรแล้ว` })
      const created = await service.createHerbPages({ ...page, species_id: species.id, created_by: input.actor_id, updated_by: input.actor_id })
      return new StepResponse(created, { created: created.id } as Undo)
    }

    const [current] = await service.listHerbPages({ id: input.id })
    if (!current) throw notFound({ en: "Herb page", th: "หน้าสมุนไพร" }, input.id)
    const previous = { id: current.id, ...herbPageInput(current as unknown as Record<string, unknown>), updated_by: current.updated_by }
    const updated = await service.updateHerbPages({ id: current.id, ...page, updated_by: input.actor_id })
    return new StepResponse(updated, { previous } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = traceability(container)
    if ("created" in undo) await service.deleteHerbPages(undo.created)
    else await service.updateHerbPages(undo.previous as never)
  }
)
