import EGovCore
import EGovCrypto
import Foundation

/// Verifies presented SD-JWT VCs: the SD-JWT rules of RFC 9901 (disclosures, key binding), the
/// issuer's right to issue the type, the issuer's key (pinned JWKS or `x5c` to its trust anchors),
/// validity times, and the credential's status in the issuer's Token Status List.
public struct CredentialVerifier: Sendable {
    /// Which issuers are trusted for which types.
    public let registry: IssuerRegistry
    /// Whether and how the holder must prove possession of the `cnf` key.
    public let keyBinding: KeyBindingRequirement
    /// Whether a credential with a status reference fails when its status cannot be checked.
    public let requireStatusCheck: Bool
    private let clock: any WallClock

    /// Creates a verifier.
    public init(
        registry: IssuerRegistry, keyBinding: KeyBindingRequirement = .none, requireStatusCheck: Bool = true,
        clock: any WallClock
    ) {
        self.registry = registry
        self.keyBinding = keyBinding
        self.requireStatusCheck = requireStatusCheck
        self.clock = clock
    }

    /// The outcome of a verification.
    public struct Result: Sendable {
        /// Whether every check passed (and the status is `valid`, or unknown where allowed).
        public let isValid: Bool
        /// The disclosed claims (with `iss`, `vct`, `exp`...), empty when the SD-JWT did not verify.
        public let claims: [String: JSONValue]
        /// Whether a key-binding JWT proved the holder's possession of the `cnf` key.
        public let holderBound: Bool
        /// The status: `valid`, `invalid`, `suspended`, or `unknown` when not checked.
        public let status: String
        /// The first failure's stable code, or `nil`.
        public let errorCode: String?
        /// The first failure's reason, or `nil`.
        public let errorReason: String?
    }

    /// Verifies `presentation`, checking its status against `statusListTokens` (the issuers'
    /// Status List Tokens, JWT form, looked up by the credential's status URI).
    public func verify(_ presentation: String, statusListTokens: [String] = []) -> Result {
        let now = clock.now()
        let registry = self.registry
        // The issuer key is resolved first, so that a refused issuer certificate gets its own code.
        let issuerKey: any VerificationKey
        do {
            issuerKey = try Self.issuerKey(of: presentation, registry: registry, at: now)
        } catch let error as IssuerKeyResolver.Failure {
            return failure(error.code, error.reason)
        } catch let error as SDJWTError {
            return failure(error.code, error.reason)
        } catch {
            return failure(SDJWTError.issuerKeyUnavailable("").code, "the issuer is not registered")
        }
        let verifier = SDJWTVerifier(
            issuerKeyResolver: { _, _ in issuerKey }, keyBinding: keyBinding, validityClock: clock)
        let verified: VerifiedSDJWT
        do {
            verified = try verifier.verify(presentation)
        } catch {
            return failure(error.code, error.reason)
        }
        let claims = verified.claims
        guard case .string(let iss)? = claims["iss"], case .string(let vct)? = claims["vct"] else {
            return failure("certificates.credential.missing_claims", "iss and vct are required", claims: claims)
        }
        guard registry.allows(issuer: iss, toIssue: vct) else {
            return failure(
                "certificates.credential.issuer_not_allowed", "\(iss) may not issue \(vct)", claims: claims,
                holderBound: verified.keyBound)
        }
        // Status.
        guard let statusClaim = claims["status"] else {
            return Result(
                isValid: true, claims: claims, holderBound: verified.keyBound, status: "valid", errorCode: nil,
                errorReason: nil)
        }
        let reference: StatusReference
        do { reference = try StatusReference(claim: statusClaim) } catch {
            return failure(error.code, error.reason, claims: claims, holderBound: verified.keyBound)
        }
        guard let issuer = registry.issuers[iss] else {
            return failure("certificates.credential.issuer_not_registered", "issuer not registered", claims: claims)
        }
        for token in statusListTokens {
            guard let parsed = try? CompactJWS(parsing: token, limit: StatusListToken.maximumTokenLength),
                let subject = Self.unverifiedSubject(of: token), subject == reference.uri
            else { continue }
            let key: any VerificationKey
            do { key = try IssuerKeyResolver.key(for: parsed.header, issuer: issuer, at: now) } catch {
                return failure(
                    "certificates.credential.status_list_untrusted",
                    "the status list is not signed by the issuer (\(error.reason))", claims: claims,
                    holderBound: verified.keyBound)
            }
            let list: StatusListToken
            do {
                list = try StatusListToken.verify(
                    token, keys: JWSKeySet([.init(keyID: parsed.header.keyID, key: key)]), expectedURI: reference.uri,
                    at: now)
            } catch {
                return failure(error.code, error.reason, claims: claims, holderBound: verified.keyBound)
            }
            let status: CredentialStatus
            do { status = try list.status(of: reference) } catch {
                return failure(error.code, error.reason, claims: claims, holderBound: verified.keyBound)
            }
            let name = status.name
            return Result(
                isValid: status == .valid, claims: claims, holderBound: verified.keyBound, status: name,
                errorCode: status == .valid ? nil : "certificates.credential.status_\(name)",
                errorReason: status == .valid ? nil : "the credential's status is \(name)")
        }
        if requireStatusCheck {
            return Result(
                isValid: false, claims: claims, holderBound: verified.keyBound, status: "unknown",
                errorCode: "certificates.credential.status_unavailable",
                errorReason: "no status list token for \(reference.uri) was supplied")
        }
        return Result(
            isValid: true, claims: claims, holderBound: verified.keyBound, status: "unknown", errorCode: nil,
            errorReason: nil)
    }

    private func failure(
        _ code: String, _ reason: String, claims: [String: JSONValue] = [:], holderBound: Bool = false
    ) -> Result {
        Result(
            isValid: false, claims: claims, holderBound: holderBound, status: "unknown", errorCode: code,
            errorReason: reason)
    }

    /// The issuer's key for the issuer-signed JWT of `presentation`, chosen from its unverified
    /// header and `iss`.
    static func issuerKey(of presentation: String, registry: IssuerRegistry, at time: Date) throws
        -> any VerificationKey
    {
        let sdjwt = try SDJWT(parsing: presentation)
        let compact: CompactJWS
        do {
            compact = try CompactJWS(parsing: sdjwt.issuerJWT, limit: SDJWT.maximumLength)
        } catch {
            throw SDJWTError.issuerSignatureInvalid(error)
        }
        let unverified = try SDJWT.unverifiedPayload(of: sdjwt.issuerJWT)
        guard case .string(let iss)? = unverified["iss"], let issuer = registry.issuers[iss] else {
            throw CredentialVerificationError.issuerNotRegistered
        }
        return try IssuerKeyResolver.key(for: compact.header, issuer: issuer, at: time)
    }

    /// The `sub` of a status list token before verification (only to match it to the reference).
    static func unverifiedSubject(of token: String) -> String? {
        let parts = token.splitting(atASCII: UInt8(ascii: "."))
        guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
            case .object(let object)? = try? JSONValue.parse(payload), case .string(let sub)? = object["sub"]
        else { return nil }
        return sub
    }
}

/// Errors raised while resolving a credential's issuer.
enum CredentialVerificationError: Error {
    case issuerNotRegistered
}
