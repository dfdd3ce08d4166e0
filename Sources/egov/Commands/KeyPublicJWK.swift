import EGovKit

// `egov key public --format jwk`.
//
// The JWK API (`PublicKey.jwk(keyID:)`, `JWK: Codable`, Sources/EGovCrypto/Keys/JWK.swift) comes
// from another branch. Until it is merged this file compiles the fallback, which refuses with a
// usage error. After the merge, enable the real path by defining EGOV_JWK for the `egov` target
// (`swiftSettings: [.define("EGOV_JWK")]`) or by deleting the `#else` branch and the conditions.

#if EGOV_JWK
    extension KeyPublic {
        static func jwkOutput(for publicKey: PublicKey, keyID: String?) throws(CLIError) -> String {
            do {
                let jwk = try publicKey.jwk(keyID: keyID)
                return try Output.json(jwk)
            } catch {
                throw CLIError.from(error)
            }
        }
    }
#else
    extension KeyPublic {
        static func jwkOutput(for publicKey: PublicKey, keyID: String?) throws(CLIError) -> String {
            throw .usage("jwk output not available in this build", code: "cli.unavailable")
        }
    }
#endif
