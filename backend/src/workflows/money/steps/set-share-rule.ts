import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bangkokToday, planShareRule, type ShareRule } from "@mae-mok/traceability"
import { fromCore, notAllowed } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type SetShareRuleInput = {
  product_id: string | null
  basis_points: number
  valid_from: string
  valid_until: string | null
  note: string | null
  actor_id: string | null
}

type Undo = { created: string; closed: { id: string; valid_until: string | null }[] }

/**
 * Adds a share rule for one product or all (core `planShareRule`), closing the older rule of the same scope.
 * Compensation reopens what it closed and removes the new rule.
 */
export const setShareRuleStep = createStep(
  "set-share-rule",
  async (input: SetShareRuleInput, { container }) => {
    const service = traceability(container)
    const existing = await service.listShareRules({ product_id: input.product_id })
    const plan = planShareRule(
      existing.map((r): ShareRule => ({ id: r.id, productId: r.product_id, basisPoints: r.basis_points, validFrom: r.valid_from, validUntil: r.valid_until })),
      { id: "shr_new", productId: input.product_id, basisPoints: input.basis_points, validFrom: input.valid_from, validUntil: input.valid_until },
      bangkokToday()
    )
    if (!plan.ok) throw notAllowed(fromCore(plan))
    const closed = plan.close.map((c) => ({ id: c.id, valid_until: existing.find((r) => r.id === c.id)?.valid_until ?? null }))
    for (const c of plan.close) await service.updateShareRules({ id: c.id, valid_until: c.validUntil, updated_by: input.actor_id })
    const created = await service.createShareRules({
      product_id: input.product_id,
      basis_points: input.basis_points,
      valid_from: input.valid_from,
      valid_until: input.valid_until,
      note: input.note,
      created_by: input.actor_id,
      updated_by: input.actor_id,
    })
    return new StepResponse(created, { created: created.id, closed } satisfies Undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = traceability(container)
    for (const c of undo.closed) await service.updateShareRules({ id: c.id, valid_until: c.valid_until })
    await service.deleteShareRules(undo.created)
  }
)
