import EGovCore
import Foundation

/// The claims of an access or identity token (RFC 7519 registered claims plus `acr`, `amr`,
/// `act`).
public struct TokenClaims: Sendable, Hashable {
    /// `iss`: the issuer.
    public var issuer: String
    /// `sub`: the subject (possibly pairwise per department; an organisation when `act` is set).
    public var subject: String
    /// `aud`: the audiences.
    public var audience: [String]
    /// `exp`: expiry.
    public var expiresAt: Date
    /// `iat`: issuance time.
    public var issuedAt: Date
    /// `nbf`: not before.
    public var notBefore: Date?
    /// `jti`: unique token ID.
    public var tokenID: String
    /// `acr`: the assurance level reached.
    public var assuranceLevel: AssuranceLevel?
    /// `amr`: the methods used.
    public var methods: [String]?
    /// `act`: the person acting for the subject organisation.
    public var actor: ActorClaim?
    /// Further claims, not interpreted by EGovKit.
    public var additional: [String: JSONValue]

    /// Creates claims.
    public init(
        issuer: String, subject: String, audience: [String], expiresAt: Date, issuedAt: Date, notBefore: Date? = nil,
        tokenID: String, assuranceLevel: AssuranceLevel? = nil, methods: [String]? = nil, actor: ActorClaim? = nil,
        additional: [String: JSONValue] = [:]
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.tokenID = tokenID
        self.assuranceLevel = assuranceLevel
        self.methods = methods
        self.actor = actor
        self.additional = additional
    }

    static let registered: Set<String> = ["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "acr", "amr", "act"]

    /// The claims as a JSON object (NumericDate in whole seconds).
    public var jsonValue: JSONValue {
        var object = additional.filter { !Self.registered.contains($0.key) }
        object["iss"] = .string(issuer)
        object["sub"] = .string(subject)
        object["aud"] = audience.count == 1 ? .string(audience[0]) : .array(audience.map { .string($0) })
        object["exp"] = .number(expiresAt.timeIntervalSince1970.rounded(.down))
        object["iat"] = .number(issuedAt.timeIntervalSince1970.rounded(.down))
        if let notBefore { object["nbf"] = .number(notBefore.timeIntervalSince1970.rounded(.down)) }
        object["jti"] = .string(tokenID)
        if let assuranceLevel { object["acr"] = .string(assuranceLevel.acr) }
        if let methods { object["amr"] = .array(methods.map { .string($0) }) }
        if let actor {
            var act: [String: JSONValue] = ["sub": .string(actor.subject)]
            if let mandate = actor.mandate { act["mandate_id"] = .string(mandate) }
            object["act"] = .object(act)
        }
        return .object(object)
    }

    /// Reads claims from JSON strictly: `iss`, `sub`, `aud`, `exp`, `iat` and `jti` are required,
    /// NumericDates must be numbers, `acr` must be an eIDAS level URI, duplicate members are refused.
    public init(jsonBytes payload: [UInt8]) throws(TokenError) {
        try self.init(parsing: payload)
    }

    /// Reads claims from a verified payload, strictly.
    init(parsing payload: [UInt8]) throws(TokenError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(payload, limits: .init(maximumBytes: 256 * 1024, maximumDepth: 16))
        } catch {
            throw .malformedClaims(error.reason)
        }
        guard case .object(let object) = value else { throw .malformedClaims("not a JSON object") }
        func string(_ name: String) throws(TokenError) -> String {
            guard let member = object[name] else { throw .missingClaim(name) }
            guard case .string(let text) = member, !text.isEmpty else { throw .invalidClaim(name) }
            return text
        }
        func date(_ name: String, required: Bool) throws(TokenError) -> Date? {
            guard let member = object[name] else {
                if required { throw .missingClaim(name) }
                return nil
            }
            guard case .number(let seconds) = member, seconds.isFinite, seconds >= 0, seconds < 253_402_300_800 else {
                throw .invalidClaim(name)
            }
            return Date(timeIntervalSince1970: seconds)
        }
        issuer = try string("iss")
        subject = try string("sub")
        tokenID = try string("jti")
        switch object["aud"] {
        case .string(let single)?: audience = [single]
        case .array(let items)?:
            var values: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw .invalidClaim("aud") }
                values.append(text)
            }
            guard !values.isEmpty else { throw .invalidClaim("aud") }
            audience = values
        case nil: throw .missingClaim("aud")
        default: throw .invalidClaim("aud")
        }
        guard let exp = try date("exp", required: true), let iat = try date("iat", required: true) else {
            throw .missingClaim("exp")
        }
        expiresAt = exp
        issuedAt = iat
        notBefore = try date("nbf", required: false)
        if let acr = object["acr"] {
            guard case .string(let text) = acr, let level = AssuranceLevel(acr: text) else {
                throw .invalidClaim("acr")
            }
            assuranceLevel = level
        } else {
            assuranceLevel = nil
        }
        if let amr = object["amr"] {
            guard case .array(let items) = amr else { throw .invalidClaim("amr") }
            var values: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw .invalidClaim("amr") }
                values.append(text)
            }
            methods = values
        } else {
            methods = nil
        }
        if let act = object["act"] {
            guard case .object(let members) = act, case .string(let sub)? = members["sub"] else {
                throw .invalidClaim("act")
            }
            var mandate: String?
            if let value = members["mandate_id"] {
                guard case .string(let text) = value else { throw .invalidClaim("act") }
                mandate = text
            }
            actor = ActorClaim(subject: sub, mandate: mandate)
        } else {
            actor = nil
        }
        additional = object.filter { !Self.registered.contains($0.key) }
    }
}
