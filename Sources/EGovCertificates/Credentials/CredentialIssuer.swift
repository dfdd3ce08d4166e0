import EGovCore
import EGovCrypto
import Foundation

/// Issues electronic proofs and digital licences as SD-JWT VCs (`typ: dc+sd-jwt`).
///
/// The issued credential carries `iss`, `iat`, `nbf`, `exp`, `vct`, optionally `sub`, `cnf` (the
/// holder's key) and `status` (a Token Status List reference), always in the clear; the subject
/// claims are selectively disclosable as the credential type (or the caller's plan) says.
public struct CredentialIssuer: Sendable {
    /// The issuing department's identifier (`iss`).
    public let issuer: String
    /// The signing key.
    public let signingKey: any SigningKey
    /// `kid` for verifiers with pinned keys.
    public let keyID: String?
    /// `x5c` for verifiers that trust the issuer through its certificate.
    public let certificateChain: [Certificate]?
    /// Allocates status entries, when the credential should be revocable.
    public let statusLists: StatusListIssuer?
    /// Languages a credential type's name and every claim label must be given in before this issuer
    /// issues it (wallets and counters display them).
    public let requiredLanguages: [LanguageTag]
    private let clock: any WallClock

    /// Creates an issuer.
    ///
    /// - Parameters:
    ///   - issuer: the `iss` claim, the issuer's HTTPS identifier.
    ///   - signingKey: the issuer's seal key.
    ///   - keyID: the `kid` header, when verifiers look the key up by identifier.
    ///   - certificateChain: the `x5c` header (leaf first), when verifiers check the issuer's certificate.
    ///   - statusLists: allocates status entries for revocable credentials.
    ///   - clock: the time source for `iat` and expiry.
    ///   - requiredLanguages: the languages ``issue(type:claims:subject:disclose:holderKey:validUntil:status:revocable:)``
    ///     requires of the type's name and claim labels; by default ``CredentialType/requiredLanguages``
    ///     (zh-Hant, zh-Hans, pt, en). Pass `[]` to issue without display metadata.
    public init(
        issuer: String, signingKey: any SigningKey, keyID: String? = nil, certificateChain: [Certificate]? = nil,
        statusLists: StatusListIssuer? = nil, clock: any WallClock,
        requiredLanguages: [LanguageTag] = CredentialType.requiredLanguages
    ) {
        self.issuer = issuer
        self.signingKey = signingKey
        self.keyID = keyID
        self.certificateChain = certificateChain
        self.statusLists = statusLists
        self.requiredLanguages = requiredLanguages
        self.clock = clock
    }

    /// An issued credential and what was allocated for it.
    public struct Issued: Sendable {
        /// The SD-JWT VC (all disclosures included; the holder chooses what to present).
        public let credential: SDJWT
        /// Its status entry, if any.
        public let status: StatusReference?
        /// When it expires, if it does.
        public let expiresAt: Date?
    }

    /// Issues a credential of `type` with `claims`.
    ///
    /// - Parameters:
    ///   - type: the credential type (its `vct`, display metadata and default validity).
    ///   - claims: the claims about the subject.
    ///   - subject: the `sub` claim (an account or party reference, not an identity number), optional.
    ///   - disclose: which claims are selectively disclosable; `nil` uses the type's metadata (every
    ///     top-level claim marked `selectivelyDisclosable`, and all claims the type does not list).
    ///   - holderKey: the holder's public key for key binding (`cnf`).
    ///   - validUntil: expiry; `nil` uses the type's default validity (or none).
    ///   - status: an explicit status reference (e.g. allocated elsewhere); otherwise, with
    ///     `revocable`, one is allocated from ``statusLists``.
    ///   - revocable: allocate a status entry (requires ``statusLists``).
    /// - Throws: ``SDJWTError/invalidIssuanceInput(_:)`` when the type's name or a claim label lacks
    ///   one of ``requiredLanguages``.
    public func issue(
        type: CredentialType, claims: [String: JSONValue], subject: String? = nil, disclose: DisclosurePlan? = nil,
        holderKey: JWK? = nil, validUntil: Date? = nil, status: StatusReference? = nil, revocable: Bool = true
    ) async throws -> Issued {
        let missing = type.missingLanguages(required: requiredLanguages)
        guard missing.isEmpty else {
            throw SDJWTError.invalidIssuanceInput(
                "the credential type's name or claim labels lack " + missing.map(\.rawValue).joined(separator: ", "))
        }
        let now = Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
        let expiry = validUntil ?? type.defaultValidity.map { now.addingTimeInterval($0) }
        var payload = claims
        for reserved in ["iss", "iat", "nbf", "exp", "vct", "cnf", "status", "sub"] where payload[reserved] != nil {
            throw SDJWTError.claimNotDisclosable(reserved)
        }
        let plan =
            disclose
            ?? DisclosurePlan(
                claims.keys.sorted().filter { name in
                    type.claims.first(where: { $0.path == name })?.selectivelyDisclosable ?? true
                }.map { ClaimPath([.key($0)]) })
        payload["iss"] = .string(issuer)
        payload["iat"] = .number(now.timeIntervalSince1970)
        payload["nbf"] = .number(now.timeIntervalSince1970)
        if let expiry { payload["exp"] = .number(expiry.timeIntervalSince1970.rounded(.down)) }
        payload["vct"] = .string(type.vct)
        if let subject { payload["sub"] = .string(subject) }
        var reference = status
        if let status {
            payload["status"] = status.jsonValue
        } else if revocable, let statusLists {
            let allocated = try await statusLists.allocate()
            reference = allocated
            payload["status"] = allocated.jsonValue
        }
        let sdIssuer = SDJWTIssuer(
            signingKey: signingKey, keyID: keyID, certificateChain: certificateChain?.map(\.derRepresentation))
        let credential = try await sdIssuer.issue(claims: payload, disclose: plan, decoys: 2, holderKey: holderKey)
        return Issued(credential: credential, status: reference, expiresAt: expiry)
    }
}
