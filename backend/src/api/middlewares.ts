import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import {
  BatchCreate,
  BatchReason,
  BatchRelease,
  CertificationCreate,
  CertificationUpdate,
  HarvestCreate,
  HouseholdCreate,
  HouseholdUpdate,
  IssueUnits,
  PlotCreate,
  PlotUpdate,
  SpeciesCreate,
  SpeciesUpdate,
} from "./admin/validators"

// One entry per validated route. Shared file: add entries, keep it a flat list.
export default defineMiddlewares({
  routes: [
    // traceability admin API (docs/api/admin-traceability.md)
    { matcher: "/admin/herb-species", methods: ["POST"], middlewares: [validateAndTransformBody(SpeciesCreate)] },
    { matcher: "/admin/herb-species/:id", methods: ["POST"], middlewares: [validateAndTransformBody(SpeciesUpdate)] },
    { matcher: "/admin/households", methods: ["POST"], middlewares: [validateAndTransformBody(HouseholdCreate)] },
    { matcher: "/admin/households/:id", methods: ["POST"], middlewares: [validateAndTransformBody(HouseholdUpdate)] },
    { matcher: "/admin/plots", methods: ["POST"], middlewares: [validateAndTransformBody(PlotCreate)] },
    { matcher: "/admin/plots/:id", methods: ["POST"], middlewares: [validateAndTransformBody(PlotUpdate)] },
    { matcher: "/admin/certifications", methods: ["POST"], middlewares: [validateAndTransformBody(CertificationCreate)] },
    { matcher: "/admin/certifications/:id", methods: ["POST"], middlewares: [validateAndTransformBody(CertificationUpdate)] },
    { matcher: "/admin/harvests", methods: ["POST"], middlewares: [validateAndTransformBody(HarvestCreate)] },
    { matcher: "/admin/batches", methods: ["POST"], middlewares: [validateAndTransformBody(BatchCreate)] },
    { matcher: "/admin/batches/:id/release", methods: ["POST"], middlewares: [validateAndTransformBody(BatchRelease)] },
    { matcher: "/admin/batches/:id/hold", methods: ["POST"], middlewares: [validateAndTransformBody(BatchReason)] },
    { matcher: "/admin/batches/:id/recall", methods: ["POST"], middlewares: [validateAndTransformBody(BatchReason)] },
    { matcher: "/admin/batches/:id/units", methods: ["POST"], middlewares: [validateAndTransformBody(IssueUnits)] },
  ],
})
