import { statusHandler } from "../status"

export const POST = statusHandler("release")
