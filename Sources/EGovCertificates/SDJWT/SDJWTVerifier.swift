import EGovCore
import EGovCrypto
import Foundation

/// Verifies SD-JWTs and SD-JWT+KBs (RFC 9901 sections 7.1 and 7.3) and returns the processed
/// payload.
///
/// Strict throughout: the issuer-signed JWT must verify with a key bound to one algorithm and
/// carry the expected `typ`; `_sd_alg` must be an accepted algorithm; every disclosure must be
/// referenced exactly once, by an `_sd` array if it names a claim and by a `...` array element if
/// it does not; no digest may appear twice; `_sd` must be an array of strings and a `...` object
/// must have no other member; a disclosed name may not clash with a claim at its level. Key
/// binding, when required, is checked against `cnf.jwk`.
public struct SDJWTVerifier: Sendable {
    /// Chooses the issuer's verification key from the **unverified** header and payload (e.g. by
    /// `kid`, `x5c` or `iss`). Throw to refuse.
    public typealias IssuerKeyResolver =
        @Sendable (_ header: JWSHeader, _ unverifiedPayload: [String: JSONValue]) throws -> any VerificationKey

    private let resolveIssuerKey: IssuerKeyResolver
    /// The required `typ` of the issuer-signed JWT (compared as JWS compares `typ`).
    public let expectedType: String
    /// Whether and how key binding is checked.
    public let keyBinding: KeyBindingRequirement
    /// Clock skew tolerated for `iat` of the KB-JWT and for `exp`/`nbf`.
    public let allowedClockSkew: TimeInterval
    /// The accepted `_sd_alg` values.
    public let allowedHashAlgorithms: Set<HashAlgorithm>
    /// The clock `exp` and `nbf` of the processed payload are checked against, or `nil` to leave
    /// the validity period to the caller (RFC 9901 section 7.1 step 6).
    public let validityClock: (any WallClock)?

    /// A verifier that takes the issuer key from a key set: the key whose ID is the header's
    /// `kid`, or without `kid` the only key of the header's algorithm.
    ///
    /// - Parameters:
    ///   - issuerKeys: the issuer's keys, each bound to one algorithm.
    ///   - expectedType: the required `typ` (default `dc+sd-jwt`).
    ///   - keyBinding: the key binding policy.
    ///   - allowedClockSkew: tolerated clock difference, in seconds (default 60).
    ///   - allowedHashAlgorithms: accepted `_sd_alg` values (default SHA-256, -384, -512).
    ///   - validityClock: the clock to check `exp` and `nbf` against, or `nil`.
    public init(
        issuerKeys: JWSKeySet, expectedType: String = "dc+sd-jwt", keyBinding: KeyBindingRequirement = .none,
        allowedClockSkew: TimeInterval = 60, allowedHashAlgorithms: Set<HashAlgorithm> = [.sha256, .sha384, .sha512],
        validityClock: (any WallClock)? = nil
    ) {
        self.init(
            issuerKeyResolver: { header, _ in try Self.key(in: issuerKeys, for: header) },
            expectedType: expectedType, keyBinding: keyBinding, allowedClockSkew: allowedClockSkew,
            allowedHashAlgorithms: allowedHashAlgorithms, validityClock: validityClock)
    }

    /// A verifier that asks `issuerKeyResolver` for the issuer key (see ``IssuerKeyResolver``);
    /// the other parameters are as for ``init(issuerKeys:expectedType:keyBinding:allowedClockSkew:allowedHashAlgorithms:validityClock:)``.
    public init(
        issuerKeyResolver: @escaping IssuerKeyResolver, expectedType: String = "dc+sd-jwt",
        keyBinding: KeyBindingRequirement = .none, allowedClockSkew: TimeInterval = 60,
        allowedHashAlgorithms: Set<HashAlgorithm> = [.sha256, .sha384, .sha512],
        validityClock: (any WallClock)? = nil
    ) {
        self.resolveIssuerKey = issuerKeyResolver
        self.expectedType = expectedType
        self.keyBinding = keyBinding
        self.allowedClockSkew = max(0, allowedClockSkew)
        self.allowedHashAlgorithms = allowedHashAlgorithms
        self.validityClock = validityClock
    }

    /// Verifies an SD-JWT (or SD-JWT+KB) in the compact serialisation.
    ///
    /// - Returns: the processed payload and what was established about it.
    /// - Throws: the first problem found, as an ``SDJWTError``.
    public func verify(_ text: String) throws(SDJWTError) -> VerifiedSDJWT {
        let sdjwt = try SDJWT(parsing: text)
        // Section 7.3 steps 1 and 2: the policy decides, not the presence of a KB-JWT.
        switch keyBinding {
        case .none: guard sdjwt.keyBindingJWT == nil else { throw .keyBindingUnexpected }
        case .required: guard sdjwt.keyBindingJWT != nil else { throw .keyBindingMissing }
        }
        let compact: CompactJWS
        do {
            compact = try CompactJWS(parsing: sdjwt.issuerJWT, limit: SDJWT.maximumLength)
        } catch {
            throw .issuerSignatureInvalid(error)
        }
        let unverified = try SDJWT.unverifiedPayload(of: sdjwt.issuerJWT)
        let key: any VerificationKey
        do {
            key = try resolveIssuerKey(compact.header, unverified)
        } catch let error as SDJWTError {
            throw error
        } catch let error as any EGovError {
            throw .issuerKeyUnavailable(error.reason)
        } catch {
            throw .issuerKeyUnavailable("the issuer key resolver refused")
        }
        let verified: VerifiedJWS
        do {
            verified = try compact.verified(with: key, policy: JWSVerificationPolicy(expectedType: expectedType))
        } catch {
            throw .issuerSignatureInvalid(error)
        }
        let payload = try SDJWT.jsonObject(verified.payload)
        let hash = try SDJWT.hashAlgorithm(of: payload, allowed: allowedHashAlgorithms)
        var processor = try DisclosureProcessor(disclosures: sdjwt.disclosures, hash: hash)
        let claims = try processor.processPayload(payload)
        guard processor.allDisclosuresUsed else { throw .unreferencedDisclosure }
        if let validityClock { try checkValidity(claims, now: validityClock.now()) }
        let holderKey = try Self.holderKey(in: claims)
        var keyBound = false
        if case .required(let audience, let nonce, let maximumAge, let clock) = keyBinding,
            let keyBindingJWT = sdjwt.keyBindingJWT
        {
            guard let holderKey else { throw .holderKeyMissing }
            try checkKeyBinding(
                keyBindingJWT, holderKey: holderKey, sdJWTPart: sdjwt.sdJWTPart, hash: hash, audience: audience,
                nonce: nonce, maximumAge: maximumAge, now: clock.now())
            keyBound = true
        }
        return VerifiedSDJWT(
            claims: claims, header: compact.header, holderKey: holderKey, keyBound: keyBound,
            disclosedPaths: processor.disclosedPaths, hashAlgorithm: hash)
    }

    /// The key set entry for `header`: by `kid`, or the only key of its algorithm.
    static func key(in keySet: JWSKeySet, for header: JWSHeader) throws(SDJWTError) -> any VerificationKey {
        if let kid = header.keyID {
            guard let entry = keySet.entries.first(where: { $0.keyID == kid }) else {
                throw .issuerKeyUnavailable("no issuer key with the header's kid")
            }
            return entry.key
        }
        let candidates = keySet.entries.filter { $0.key.algorithm == header.algorithm }
        guard candidates.count == 1, let only = candidates.first else {
            throw .issuerKeyUnavailable("no kid, and not exactly one issuer key of the header's alg")
        }
        return only.key
    }

    /// `exp` and `nbf` of the processed payload (section 7.1 step 6).
    private func checkValidity(_ claims: [String: JSONValue], now: Date) throws(SDJWTError) {
        let seconds = now.timeIntervalSince1970
        if let exp = claims["exp"] {
            guard case .number(let value) = exp else { throw .validityPeriod("exp is not a number") }
            guard seconds <= value + allowedClockSkew else { throw .validityPeriod("expired") }
        }
        if let nbf = claims["nbf"] {
            guard case .number(let value) = nbf else { throw .validityPeriod("nbf is not a number") }
            guard seconds + allowedClockSkew >= value else { throw .validityPeriod("not yet valid") }
        }
    }

    /// The public JWK in `cnf.jwk`, if any.
    static func holderKey(in claims: [String: JSONValue]) throws(SDJWTError) -> JWK? {
        guard let cnf = claims["cnf"] else { return nil }
        guard case .object(let members) = cnf else { throw .holderKeyInvalid("cnf is not an object") }
        guard let jwkValue = members["jwk"] else { return nil }
        guard case .object = jwkValue else { throw .holderKeyInvalid("cnf.jwk is not an object") }
        let jwk: JWK
        do {
            jwk = try JWK(jsonBytes: try CanonicalJSON.serialize(jwkValue))
        } catch let error as CryptoError {
            throw .holderKeyInvalid("cnf.jwk is not a valid JWK (\(error.code))")
        } catch {
            throw .holderKeyInvalid("cnf.jwk is not a valid JWK")
        }
        guard !jwk.isPrivate else { throw .holderKeyInvalid("cnf.jwk has private members") }
        return jwk
    }

    /// Section 7.3 step 5.
    private func checkKeyBinding(
        _ keyBindingJWT: String, holderKey: JWK, sdJWTPart: String, hash: HashAlgorithm, audience: String,
        nonce: String, maximumAge: TimeInterval, now: Date
    ) throws(SDJWTError) {
        let compact: CompactJWS
        do {
            compact = try CompactJWS(parsing: keyBindingJWT, limit: SDJWT.maximumLength)
        } catch {
            throw .keyBindingSignatureInvalid(error)
        }
        guard let type = compact.header.type, ["kb+jwt", "application/kb+jwt"].contains(type.lowercased()) else {
            throw .keyBindingWrongType
        }
        // The key is the one in cnf.jwk; the KB-JWT header only picks among the algorithms that
        // key supports, and must agree with the JWK's own alg if it names one.
        let algorithm = compact.header.algorithm
        if let named = holderKey.alg, named != algorithm.rawValue {
            throw .holderKeyInvalid("the KB-JWT alg differs from the alg of cnf.jwk")
        }
        let key: SoftwareVerificationKey
        do {
            key = try PublicKey(jwk: holderKey).verificationKey(for: algorithm)
        } catch {
            throw .holderKeyInvalid("cnf.jwk does not fit the KB-JWT alg (\(error.code))")
        }
        let verified: VerifiedJWS
        do {
            verified = try compact.verified(with: key, policy: JWSVerificationPolicy(expectedType: "kb+jwt"))
        } catch {
            throw .keyBindingSignatureInvalid(error)
        }
        let claims: [String: JSONValue]
        do {
            claims = try SDJWT.jsonObject(verified.payload)
        } catch {
            throw .keyBindingClaimInvalid("payload")
        }
        guard case .number(let iat)? = claims["iat"], iat.isFinite else { throw .keyBindingClaimInvalid("iat") }
        guard case .string(let aud)? = claims["aud"] else { throw .keyBindingClaimInvalid("aud") }
        guard case .string(let presentedNonce)? = claims["nonce"] else { throw .keyBindingClaimInvalid("nonce") }
        guard case .string(let sdHash)? = claims["sd_hash"] else { throw .keyBindingClaimInvalid("sd_hash") }
        guard aud == audience else { throw .keyBindingAudienceMismatch }
        guard ConstantTime.equals(presentedNonce, nonce) else { throw .keyBindingNonceMismatch }
        let seconds = now.timeIntervalSince1970
        guard iat <= seconds + allowedClockSkew else { throw .keyBindingIssuedInFuture }
        guard seconds - iat <= max(0, maximumAge) + allowedClockSkew else { throw .keyBindingStale }
        let expected = Base64URL.encode(hash.hash(Array(sdJWTPart.utf8)))
        guard ConstantTime.equals(sdHash, expected) else { throw .keyBindingHashMismatch }
    }
}
