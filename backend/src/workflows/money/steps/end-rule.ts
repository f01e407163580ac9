import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bangkokToday, planEndRule } from "@mae-mok/traceability"
import { fromCore, notAllowed, notFound } from "../../../lib/errors"
import { traceability } from "../../../lib/traceability/service"

export type EndRuleInput = { kind: "farm_gate_price" | "share_rule"; id: string; last_day: string; actor_id: string | null }

/**
 * Ends a price or share rule after `last_day` (or withdraws one not yet started): only shortens, never
 * rewrites days before yesterday (core `planEndRule`). Compensation restores the old end.
 */
export const endRuleStep = createStep(
  "end-rule",
  async (input: EndRuleInput, { container }) => {
    const service = traceability(container)
    const [rule] = input.kind === "farm_gate_price" ? await service.listFarmGatePrices({ id: input.id }) : await service.listShareRules({ id: input.id })
    if (!rule) throw notFound(input.kind === "farm_gate_price" ? { en: "Farm-gate price", th: "ราคารับซื้อ" } : { en: "Share rule", th: "กฎส่วนแบ่งรายได้" }, input.id)
    const plan = planEndRule({ id: rule.id, validFrom: rule.valid_from, validUntil: rule.valid_until }, input.last_day, bangkokToday())
    if (!plan.ok) throw notAllowed(fromCore(plan))
    const update = { id: rule.id, valid_until: plan.close.validUntil, updated_by: input.actor_id }
    const updated = input.kind === "farm_gate_price" ? await service.updateFarmGatePrices(update) : await service.updateShareRules(update)
    return new StepResponse(updated, { kind: input.kind, id: rule.id, valid_until: rule.valid_until })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = traceability(container)
    const update = { id: undo.id, valid_until: undo.valid_until }
    if (undo.kind === "farm_gate_price") await service.updateFarmGatePrices(update)
    else await service.updateShareRules(update)
  }
)
