import { Module } from "@medusajs/framework/utils"
import TraceabilityModuleService from "./service"

export const TRACEABILITY_MODULE = "traceability"

export default Module(TRACEABILITY_MODULE, {
  service: TraceabilityModuleService,
})

export { TraceabilityModuleService }
export type { AllocationPage, AllocationRow, ConsumeInput, FifoInput, HarvestCorrectionInput, HarvestLotState, LedgerFilter, PackLine, PackScanInput, PaymentInput, ScanUpdate } from "./service"
export type { HarvestChange } from "./models"
