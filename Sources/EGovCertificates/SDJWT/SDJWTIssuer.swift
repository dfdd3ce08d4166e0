import EGovCore
import EGovCrypto

/// Issues SD-JWTs (RFC 9901): replaces the claims a ``DisclosurePlan`` names by salted digests,
/// signs the payload as a compact JWS, and returns the SD-JWT with all its disclosures.
///
/// The payload gets `_sd_alg`, `_sd` arrays (sorted, after any decoys, so that their order says
/// nothing about the claims, section 4.2.4.1) and `{"...": digest}` objects for array elements
/// (section 4.2.4.2). The issuer adds no time claims itself: put `iat`, `nbf` and `exp` in the
/// claims (library code never reads the clock).
///
/// The claims `iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity` and `status` are never made
/// selectively disclosable (RFC 9901 section 9.7, SD-JWT VC section 3.2.2), and the names `_sd`,
/// `_sd_alg` and `...` may not appear in the claims at all.
public struct SDJWTIssuer: Sendable {
    /// The issuer's signing key; its algorithm becomes the JWS `alg`.
    public let signingKey: any SigningKey
    /// The digest algorithm for disclosures (`_sd_alg`).
    public let hashAlgorithm: HashAlgorithm
    /// The JWS `typ` (`dc+sd-jwt` for SD-JWT VC).
    public let type: String
    /// The JWS `kid`, if any.
    public let keyID: String?
    /// The JWS `x5c` certificate chain (DER, leaf first), if any.
    public let certificateChain: [[UInt8]]?

    /// Most decoy digests per `_sd` array.
    public static let maximumDecoys = 64

    /// Creates an issuer.
    ///
    /// - Parameters:
    ///   - signingKey: the issuer's key.
    ///   - hashAlgorithm: the disclosure digest algorithm (default SHA-256, which every verifier
    ///     must support).
    ///   - type: the `typ` header (default `dc+sd-jwt`).
    ///   - keyID: the `kid` header.
    ///   - certificateChain: the `x5c` header, DER certificates leaf first.
    public init(
        signingKey: any SigningKey, hashAlgorithm: HashAlgorithm = .sha256, type: String = "dc+sd-jwt",
        keyID: String? = nil, certificateChain: [[UInt8]]? = nil
    ) {
        self.signingKey = signingKey
        self.hashAlgorithm = hashAlgorithm
        self.type = type
        self.keyID = keyID
        self.certificateChain = certificateChain
    }

    /// Issues an SD-JWT.
    ///
    /// - Parameters:
    ///   - claims: the JWT claims set, in the clear.
    ///   - disclose: which claims become selectively disclosable; every path must name a claim.
    ///   - decoys: decoy digests added to each `_sd` array (section 4.2.5), at most
    ///     ``maximumDecoys``.
    ///   - holderKey: the holder's public key, added as `cnf: {"jwk": …}` for key binding.
    /// - Returns: the SD-JWT with every disclosure and no KB-JWT.
    /// - Throws: ``SDJWTError/claimNotDisclosable(_:)`` for a plan that hides `iss`, `exp`, …;
    ///   ``SDJWTError/reservedClaimName`` for `_sd`, `_sd_alg` or `...` in the claims or the plan;
    ///   ``SDJWTError/pathNotFound(_:)`` for a plan path that names no claim;
    ///   ``SDJWTError/invalidIssuanceInput(_:)``, ``SDJWTError/tooDeep(limit:)``,
    ///   ``SDJWTError/tooManyDisclosures(limit:)``, ``SDJWTError/tooLarge(limit:)`` for input the
    ///   format cannot carry; ``SDJWTError/signingFailed(_:)`` if the key fails.
    public func issue(
        claims: [String: JSONValue], disclose: DisclosurePlan, decoys: Int = 0, holderKey: JWK? = nil
    ) async throws(SDJWTError) -> SDJWT {
        guard (0...Self.maximumDecoys).contains(decoys) else {
            throw .invalidIssuanceInput("decoys must be between 0 and \(Self.maximumDecoys)")
        }
        try Self.checkPlan(disclose)
        var builder = PayloadBuilder(plan: disclose, hash: hashAlgorithm, decoys: decoys)
        guard case .object(var payload) = try builder.process(.object(claims), path: ClaimPath([]), depth: 1) else {
            throw .invalidIssuanceInput("the claims are not an object")
        }
        let unmatched = disclose.allEntries.subtracting(builder.matched)
        if let missing = unmatched.map(\.description).sorted().first { throw .pathNotFound(missing) }
        payload["_sd_alg"] = .string(hashAlgorithm.identifier)
        if let holderKey {
            guard payload["cnf"] == nil else { throw .invalidIssuanceInput("the claims already have cnf") }
            payload["cnf"] = .object(["jwk": try Self.confirmationJWK(holderKey)])
        }
        let payloadBytes: [UInt8]
        do {
            payloadBytes = try CanonicalJSON.serialize(.object(payload))
        } catch {
            throw .invalidIssuanceInput("a claim value is not valid JSON (\(error.reason))")
        }
        let header = JWSHeader(
            algorithm: signingKey.algorithm, type: type, keyID: keyID, certificateChain: certificateChain)
        let jwt: String
        do {
            jwt = try await JWS.sign(payload: payloadBytes, header: header, key: signingKey)
        } catch let error as any EGovError {
            throw .signingFailed(error.description)
        } catch {
            throw .signingFailed("the signing key failed")
        }
        let result = SDJWT(issuerJWT: jwt, disclosures: builder.disclosures)
        guard result.serialized.utf8.count <= SDJWT.maximumLength else { throw .tooLarge(limit: SDJWT.maximumLength) }
        return result
    }

    /// Refuses plans that would hide a claim that must stay clear, or name a reserved member.
    static func checkPlan(_ plan: DisclosurePlan) throws(SDJWTError) {
        for path in plan.allEntries {
            if path.components.count == 1, case .key(let name) = path.components[0],
                SDJWTReserved.neverDisclosable.contains(name)
            {
                throw .claimNotDisclosable(name)
            }
            if path.components.isEmpty {
                if plan.recursivePaths.contains(path) {
                    // Everything beneath the root would include iss, exp, … .
                    throw .claimNotDisclosable("(all top-level claims)")
                }
                throw .invalidClaimPath("the empty path names the whole claims set")
            }
            for component in path.components {
                if case .key(let name) = component, SDJWTReserved.inputNames.contains(name) {
                    throw .reservedClaimName
                }
            }
        }
    }

    /// The `cnf.jwk` value for a holder key: its public members only, validated.
    static func confirmationJWK(_ key: JWK) throws(SDJWTError) -> JSONValue {
        guard !key.isPrivate else { throw .invalidIssuanceInput("the holder key has private members") }
        do {
            _ = try PublicKey(jwk: key)
            return try JSONValue.parse(try key.publicJWK.jsonBytes())
        } catch let error as CryptoError {
            throw .invalidIssuanceInput("the holder key is not a valid public JWK (\(error.code))")
        } catch {
            throw .invalidIssuanceInput("the holder key is not a valid public JWK")
        }
    }
}

/// Builds the issuer-signed payload and the disclosures, depth first.
struct PayloadBuilder {
    let plan: DisclosurePlan
    let hash: HashAlgorithm
    let decoys: Int
    private(set) var disclosures: [Disclosure] = []
    private(set) var matched: Set<ClaimPath> = []

    init(plan: DisclosurePlan, hash: HashAlgorithm, decoys: Int) {
        self.plan = plan
        self.hash = hash
        self.decoys = decoys
    }

    /// `value` at `path` with its disclosable members and elements replaced by digests; `depth`
    /// counts containers from the top-level object (1).
    mutating func process(_ value: JSONValue, path: ClaimPath, depth: Int) throws(SDJWTError) -> JSONValue {
        switch value {
        case .object(let members):
            guard depth <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
            var output: [String: JSONValue] = [:]
            var digests: [String] = []
            for name in members.keys.sorted() {
                guard let child = members[name] else { continue }
                guard !SDJWTReserved.inputNames.contains(name) else { throw .reservedClaimName }
                let childPath = path.appending(.key(name))
                let entries = plan.entries(matching: childPath)
                let processed = try process(child, path: childPath, depth: depth + 1)
                if entries.isEmpty {
                    output[name] = processed
                } else {
                    if path.components.isEmpty, SDJWTReserved.neverDisclosable.contains(name) {
                        throw .claimNotDisclosable(name)
                    }
                    matched.formUnion(entries)
                    digests.append(try add(Disclosure(claimName: name, value: processed)))
                }
            }
            if !digests.isEmpty {
                guard depth + 1 <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
                for _ in 0..<decoys { digests.append(try decoy()) }
                output["_sd"] = .array(digests.sorted().map { .string($0) })
            }
            return .object(output)
        case .array(let elements):
            guard depth <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
            let every = path.appending(.allElements)
            if plan.paths.contains(every) { matched.insert(every) }
            var output: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                let childPath = path.appending(.index(index))
                let entries = plan.entries(matching: childPath)
                let processed = try process(element, path: childPath, depth: depth + 1)
                if entries.isEmpty {
                    output.append(processed)
                } else {
                    guard depth + 1 <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
                    matched.formUnion(entries)
                    let digest = try add(Disclosure(claimName: nil, value: processed))
                    output.append(.object(["...": .string(digest)]))
                }
            }
            return .array(output)
        default:
            return value
        }
    }

    private mutating func add(_ disclosure: Disclosure) throws(SDJWTError) -> String {
        guard disclosures.count < SDJWT.maximumDisclosures else {
            throw .tooManyDisclosures(limit: SDJWT.maximumDisclosures)
        }
        disclosures.append(disclosure)
        return disclosure.digest(hash)
    }

    /// A decoy digest: the digest of 32 random bytes (section 4.2.5).
    private func decoy() throws(SDJWTError) -> String {
        do {
            return Base64URL.encode(hash.hash(try SecureRandom.bytes(count: 32)))
        } catch {
            throw .signingFailed("no random bytes for a decoy digest")
        }
    }
}
