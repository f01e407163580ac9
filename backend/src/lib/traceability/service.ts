import type { MedusaContainer } from "@medusajs/framework/types"
import { TRACEABILITY_MODULE, type TraceabilityModuleService } from "@mae-mok/traceability/module"

/** The traceability module's service from a container (request scope or step container). */
export function traceability(container: Pick<MedusaContainer, "resolve">): TraceabilityModuleService {
  return container.resolve<TraceabilityModuleService>(TRACEABILITY_MODULE)
}
