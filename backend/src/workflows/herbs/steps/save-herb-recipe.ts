import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkHerbRecipe, type HerbRecipeInput } from "@mae-mok/traceability"
import { conflict, fromCore, invalid, notFound } from "../../../lib/errors"
import { namedHouseholds } from "../../../lib/herbs/records"
import { traceability } from "../../../lib/traceability/service"

export type SaveHerbRecipeInput = {
  /** Absent to create a recipe. */
  id?: string
  recipe: HerbRecipeInput & { published: boolean }
  actor_id: string | null
}

type Undo = { created: string } | { previous: Record<string, unknown> }

const FIELDS = ["slug", "title_th", "title_en", "body_th", "body_en", "source_th", "source_en", "position", "published", "updated_by"] as const

/** Creates or updates one of the group's recipes after the core's checks (a source, no cure claims, consent). */
export const saveHerbRecipeStep = createStep(
  "save-herb-recipe",
  async (input: SaveHerbRecipeInput, { container }) => {
    const service = traceability(container)
    const checked = checkHerbRecipe(input.recipe, await namedHouseholds(container))
    if (!checked.ok) throw invalid(fromCore({ ...checked, message_en: `${checked.field}: ${checked.message_en}`, message_th: `${checked.field}: ${checked.message_th}` }))
    const recipe = { ...checked.recipe, published: input.recipe.published }

    // An unknown recipe is a 404 before anything else is said about the edit.
    const [current] = input.id ? await service.listHerbRecipes({ id: input.id }) : [null]
    if (input.id && !current) throw notFound({ en: "Recipe", th: "ตำรับ" }, input.id)
    const [sameSlug] = await service.listHerbRecipes({ slug: recipe.slug })
    if (sameSlug && sameSlug.id !== input.id) {
      throw conflict({ code: "SLUG_TAKEN", message: `Another recipe already uses the address ${recipe.slug}`, message_th: `ที่อยู่ ${recipe.slug} ถูกใช้กับตำรับอื่นแล้ว` })
    }
    if (!current) {
      const created = await service.createHerbRecipes({ ...recipe, created_by: input.actor_id, updated_by: input.actor_id })
      return new StepResponse(created, { created: created.id } as Undo)
    }
    const previous = Object.fromEntries([["id", current.id], ...FIELDS.map((f) => [f, current[f]])])
    const updated = await service.updateHerbRecipes({ id: current.id, ...recipe, updated_by: input.actor_id })
    return new StepResponse(updated, { previous } as Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = traceability(container)
    if ("created" in undo) await service.deleteHerbRecipes(undo.created)
    else await service.updateHerbRecipes(undo.previous as { id: string })
  }
)
