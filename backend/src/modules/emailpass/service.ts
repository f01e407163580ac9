import crypto from "node:crypto"
import { EmailPassAuthService } from "@medusajs/auth-emailpass/dist/services/emailpass"
import type { AuthenticationInput, AuthenticationResponse, AuthIdentityProviderService } from "@medusajs/framework/types"
import { isPresent, MedusaError } from "@medusajs/framework/utils"
import { passwordProblem } from "../../lib/auth/password-policy"

type Identity = Awaited<ReturnType<AuthIdentityProviderService["retrieve"]>>

/**
 * Medusa's e-mail/password provider, with two changes (docs/decisions/0024-throttling.md):
 *  - every answer costs one scrypt verification, whether the e-mail has an account or not: Medusa answered an
 *    unknown e-mail at once (4 ms against 90 ms), which told a guesser which e-mail addresses have accounts;
 *  - a new password must pass the policy (lib/auth/password-policy.ts), also for callers that skip the HTTP
 *    routes (the seed, `medusa user`).
 */
export default class HardenedEmailPassService extends EmailPassAuthService {
  static override identifier = "emailpass"

  private dummyHash: Promise<string> | undefined

  /** Verifies the password against a hash of a random secret made with the same settings: same cost, no match. */
  private async spendVerification(password: string): Promise<void> {
    this.dummyHash ??= this.hashPassword(crypto.randomBytes(32).toString("base64"))
    const identity = { provider_identities: [{ provider: this.provider, provider_metadata: { password: await this.dummyHash } }] }
    // Medusa's own check (private in its types): scrypt-kdf's verify with the hash's own settings.
    const provider = this as unknown as { isPasswordMatch_(password: string, identity: unknown): Promise<boolean> }
    await provider.isPasswordMatch_(password, identity)
  }

  /**
   * The identity service as Medusa's provider sees it, but a look-up that ends without a verification (no such
   * e-mail; or, on registration, an identity that already has an actor) first spends one on the dummy hash.
   */
  private timed(service: AuthIdentityProviderService, password: unknown, registering: boolean): AuthIdentityProviderService {
    const spend = async () => {
      if (typeof password === "string") await this.spendVerification(password)
    }
    return Object.create(service, {
      retrieve: {
        value: async (selector: Parameters<AuthIdentityProviderService["retrieve"]>[0]) => {
          let identity: Identity
          try {
            identity = await service.retrieve(selector)
          } catch (err) {
            if ((err as MedusaError).type === MedusaError.Types.NOT_FOUND) await spend()
            throw err
          }
          if (registering && isPresent(identity.app_metadata)) await spend()
          return identity
        },
      },
    })
  }

  override async authenticate(data: AuthenticationInput, service: AuthIdentityProviderService): Promise<AuthenticationResponse> {
    return super.authenticate(data, this.timed(service, data.body?.password, false))
  }

  override async register(data: AuthenticationInput, service: AuthIdentityProviderService): Promise<AuthenticationResponse> {
    const problem = passwordProblem(data.body?.password, data.body?.email)
    if (problem) return { success: false, error: problem.message }
    return super.register(data, this.timed(service, data.body?.password, true))
  }

  override async update(data: { password: string; entity_id: string }, service: AuthIdentityProviderService) {
    if (data?.password !== undefined) {
      const problem = passwordProblem(data.password, data.entity_id)
      if (problem) return { success: false, error: problem.message }
    }
    return super.update(data, service)
  }
}
