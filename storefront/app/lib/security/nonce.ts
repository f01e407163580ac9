import { createContext, useContext } from "react"

/**
 * The request's CSP nonce, provided by entry.server.tsx while rendering on the server. In the browser it is
 * undefined: the inline scripts it is for run once, from the server's markup.
 */
export const NonceContext = createContext<string | undefined>(undefined)

export const useNonce = () => useContext(NonceContext)
