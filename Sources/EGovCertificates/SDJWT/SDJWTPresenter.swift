import EGovCore
import EGovCrypto
import Foundation

/// The holder's side (RFC 9901 section 7.2): selects the disclosures a presentation needs and,
/// with a holder key, appends a Key Binding JWT.
///
/// The presenter reads the issuer-signed payload of the holder's own SD-JWT without verifying
/// its signature; verify an SD-JWT with ``SDJWTVerifier`` when it is received from the issuer.
public struct SDJWTPresenter: Sendable {
    /// The accepted `_sd_alg` values.
    public let allowedHashAlgorithms: Set<HashAlgorithm>

    /// Creates a presenter.
    public init(allowedHashAlgorithms: Set<HashAlgorithm> = [.sha256, .sha384, .sha512]) {
        self.allowedHashAlgorithms = allowedHashAlgorithms
    }

    /// Builds a presentation that discloses `paths` and nothing else.
    ///
    /// For each path, the disclosures of every selectively disclosable step on the way (the
    /// parents of nested and recursive disclosures) are included, and the claim at the end of the
    /// path is disclosed completely, with every disclosure beneath it. Disclosures keep the order
    /// of `sdjwt`. A parent disclosure reveals whatever was issued in the clear inside it: when
    /// that includes a claim no path asks for (e.g. `holder.address` inside a `holder` disclosed
    /// as a whole, for the path `holder.name`), the presentation is refused with
    /// ``SDJWTError/overDisclosure(_:)`` instead of revealing more than asked.
    ///
    /// - Parameters:
    ///   - sdjwt: the SD-JWT as issued (without a KB-JWT).
    ///   - paths: the claims to disclose.
    ///   - holderKey: the key in the SD-JWT's `cnf.jwk`, to append a KB-JWT (`typ: kb+jwt`, claims
    ///     `aud`, `nonce`, `iat`, `sd_hash`); `nil` for a presentation without key binding.
    ///   - audience: the KB-JWT `aud` (the verifier).
    ///   - nonce: the KB-JWT `nonce` (from the verifier).
    ///   - issuedAt: the KB-JWT `iat` (whole seconds).
    /// - Throws: ``SDJWTError/keyBindingUnexpected`` for an input that already has a KB-JWT,
    ///   ``SDJWTError/pathNotFound(_:)`` for a path the SD-JWT cannot disclose,
    ///   ``SDJWTError/holderKeyMissing`` or ``SDJWTError/holderKeyMismatch`` if `holderKey` is not
    ///   the key in `cnf.jwk`, ``SDJWTError/signingFailed(_:)`` if signing fails.
    public func present(
        _ sdjwt: SDJWT, disclosing paths: [ClaimPath], holderKey: (any SigningKey)?, audience: String,
        nonce: String, issuedAt: Date
    ) async throws(SDJWTError) -> SDJWT {
        guard sdjwt.keyBindingJWT == nil else { throw .keyBindingUnexpected }
        let payload = try SDJWT.unverifiedPayload(of: sdjwt.issuerJWT)
        let hash = try SDJWT.hashAlgorithm(of: payload, allowed: allowedHashAlgorithms)
        var selector = try DisclosureSelector(disclosures: sdjwt.disclosures, hash: hash, requested: paths)
        for path in paths {
            try selector.select(
                .object(payload), remaining: path.components[...], requested: path, at: ClaimPath([]),
                revealed: false, depth: 1)
        }
        let chosen = sdjwt.disclosures.indices.filter { selector.selected.contains($0) }.map {
            sdjwt.disclosures[$0]
        }
        let presentation = SDJWT(issuerJWT: sdjwt.issuerJWT, disclosures: chosen)
        guard let holderKey else { return presentation }
        try Self.checkHolderKey(holderKey, payload: payload)
        guard !audience.isEmpty else { throw .keyBindingClaimInvalid("aud") }
        guard !nonce.isEmpty else { throw .keyBindingClaimInvalid("nonce") }
        let seconds = issuedAt.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= 0 else { throw .keyBindingClaimInvalid("iat") }
        let claims: JSONValue = .object([
            "aud": .string(audience), "nonce": .string(nonce), "iat": .number(seconds),
            "sd_hash": .string(Base64URL.encode(hash.hash(Array(presentation.sdJWTPart.utf8)))),
        ])
        let keyBindingJWT: String
        do {
            keyBindingJWT = try await JWS.sign(
                payload: try CanonicalJSON.serialize(claims),
                header: JWSHeader(algorithm: holderKey.algorithm, type: "kb+jwt"),
                key: holderKey)
        } catch let error as any EGovError {
            throw .signingFailed(error.description)
        } catch {
            throw .signingFailed("the holder key failed")
        }
        return SDJWT(issuerJWT: sdjwt.issuerJWT, disclosures: chosen, keyBindingJWT: keyBindingJWT)
    }

    /// Refuses a holder key that is not the one in `cnf.jwk`.
    private static func checkHolderKey(_ key: any SigningKey, payload: [String: JSONValue]) throws(SDJWTError) {
        guard let jwk = try SDJWTVerifier.holderKey(in: payload) else { throw .holderKeyMissing }
        let bound: PublicKey
        do {
            bound = try PublicKey(jwk: jwk)
        } catch {
            throw .holderKeyInvalid("cnf.jwk is not a valid public key (\(error.code))")
        }
        guard bound == key.publicKey else { throw .holderKeyMismatch }
    }
}

/// Finds the disclosures a set of claim paths needs.
struct DisclosureSelector {
    private let disclosures: [Disclosure]
    private let byDigest: [String: Int]
    private let requested: [ClaimPath]
    private(set) var selected: Set<Int> = []

    init(disclosures: [Disclosure], hash: HashAlgorithm, requested: [ClaimPath]) throws(SDJWTError) {
        self.disclosures = disclosures
        self.byDigest = try Disclosure.indexByDigest(disclosures, hash: hash)
        self.requested = requested
    }

    /// Follows `remaining` from `value` (found at the concrete path `at`), selecting the
    /// disclosures on the way and everything beneath the end of the path. `revealed` says whether
    /// `value` is shown by a disclosure selected on the way, so that its clear content beside the
    /// path would be revealed too.
    mutating func select(
        _ value: JSONValue, remaining: ArraySlice<ClaimPath.Component>, requested: ClaimPath, at: ClaimPath,
        revealed: Bool, depth: Int
    ) throws(SDJWTError) {
        guard depth <= SDJWT.maximumDepth + 1 else { throw .tooDeep(limit: SDJWT.maximumDepth) }
        guard let step = remaining.first else {
            try selectAll(within: value, depth: depth)
            return
        }
        if revealed { try checkNothingElseRevealed(value, step: step, requested: requested, at: at) }
        let rest = remaining.dropFirst()
        switch (value, step) {
        case (.object(let members), .key(let name)):
            if name != "_sd", name != "...", let child = members[name] {
                try select(
                    child, remaining: rest, requested: requested, at: at.appending(step), revealed: revealed,
                    depth: depth + 1)
                return
            }
            if case .array(let digests)? = members["_sd"] {
                for case .string(let digest) in digests {
                    guard let index = byDigest[digest], disclosures[index].claimName == name else { continue }
                    selected.insert(index)
                    try select(
                        disclosures[index].value, remaining: rest, requested: requested, at: at.appending(step),
                        revealed: true, depth: depth + 1)
                    return
                }
            }
            throw .pathNotFound(requested.description)
        case (.array(let elements), .index(let position)):
            guard elements.indices.contains(position) else { throw .pathNotFound(requested.description) }
            guard
                try selectElement(
                    elements[position], remaining: rest, requested: requested, at: at.appending(.index(position)),
                    revealed: revealed, depth: depth)
            else {
                throw .pathNotFound(requested.description)
            }
        case (.array(let elements), .allElements):
            for (position, element) in elements.enumerated() {
                _ = try selectElement(
                    element, remaining: rest, requested: requested, at: at.appending(.index(position)),
                    revealed: revealed, depth: depth)
            }
        default:
            throw .pathNotFound(requested.description)
        }
    }

    /// Refuses when `value`, about to be revealed, holds clear members or elements beside `step`
    /// that no requested path covers.
    private func checkNothingElseRevealed(
        _ value: JSONValue, step: ClaimPath.Component, requested: ClaimPath, at: ClaimPath
    ) throws(SDJWTError) {
        func covered(_ path: ClaimPath) -> Bool { self.requested.contains { path.hasPrefix($0) } }
        switch value {
        case .object(let members):
            for name in members.keys where name != "_sd" && step != .key(name) {
                guard covered(at.appending(.key(name))) else { throw .overDisclosure(requested.description) }
            }
        case .array(let elements):
            for (position, element) in elements.enumerated() where step != .index(position) && step != .allElements {
                if case .object(let members) = element, members.count == 1, case .string? = members["..."] {
                    continue
                }
                guard covered(at.appending(.index(position))) else { throw .overDisclosure(requested.description) }
            }
        default:
            return
        }
    }

    /// Selects one array element (its disclosure, if it is a `...` placeholder); `false` for a
    /// placeholder without a disclosure (undisclosable, or a decoy).
    private mutating func selectElement(
        _ element: JSONValue, remaining: ArraySlice<ClaimPath.Component>, requested: ClaimPath, at: ClaimPath,
        revealed: Bool, depth: Int
    ) throws(SDJWTError) -> Bool {
        if case .object(let members) = element, members.count == 1, case .string(let digest)? = members["..."] {
            guard let index = byDigest[digest], disclosures[index].claimName == nil else { return false }
            selected.insert(index)
            try select(
                disclosures[index].value, remaining: remaining, requested: requested, at: at, revealed: true,
                depth: depth + 1)
            return true
        }
        try select(element, remaining: remaining, requested: requested, at: at, revealed: revealed, depth: depth + 1)
        return true
    }

    /// Selects every disclosure reachable inside `value`.
    private mutating func selectAll(within value: JSONValue, depth: Int) throws(SDJWTError) {
        guard depth <= SDJWT.maximumDepth + 1 else { throw .tooDeep(limit: SDJWT.maximumDepth) }
        switch value {
        case .object(let members):
            if case .array(let digests)? = members["_sd"] {
                for case .string(let digest) in digests {
                    guard let index = byDigest[digest], disclosures[index].claimName != nil else { continue }
                    selected.insert(index)
                    try selectAll(within: disclosures[index].value, depth: depth + 1)
                }
            }
            for (name, member) in members where name != "_sd" {
                try selectAll(within: member, depth: depth + 1)
            }
        case .array(let elements):
            for element in elements {
                if case .object(let members) = element, members.count == 1,
                    case .string(let digest)? = members["..."]
                {
                    guard let index = byDigest[digest], disclosures[index].claimName == nil else { continue }
                    selected.insert(index)
                    try selectAll(within: disclosures[index].value, depth: depth + 1)
                } else {
                    try selectAll(within: element, depth: depth + 1)
                }
            }
        default:
            return
        }
    }
}
