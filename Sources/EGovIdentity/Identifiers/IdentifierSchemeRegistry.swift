import EGovCore
import Foundation

/// The identifier schemes known to an application, looked up by ``IdentifierScheme/id``.
///
/// A value type: build it once (``builtIn`` plus any department-specific schemes registered with
/// ``register(_:)`` or ``registering(_:)``) and share it freely across tasks. Registering an id
/// that is already present is refused, so a department cannot silently replace a built-in.
public struct IdentifierSchemeRegistry: Sendable {
    private var schemes: [String: any IdentifierScheme]

    /// A registry with no schemes.
    public init() {
        schemes = [:]
    }

    /// The built-in schemes: `cn-rid`, `hk-hkid`, `mo-bir`, `cn-uscc`, `mrz-td3`, `cn-elicense`.
    public static let builtIn: IdentifierSchemeRegistry = {
        var registry = IdentifierSchemeRegistry()
        let builtIns: [any IdentifierScheme] = [
            CNResidentIdentityScheme(), HKIdentityCardScheme(), MacauResidentIdentityScheme(),
            UnifiedSocialCreditCodeScheme(), MRZTD3Scheme(), ElectronicLicenceIdentifierScheme(),
        ]
        for scheme in builtIns {
            registry.schemes[scheme.id] = scheme
        }
        return registry
    }()

    /// The registered scheme ids, sorted.
    public var schemeIDs: [String] { schemes.keys.sorted() }

    /// Registers `scheme`.
    ///
    /// - Throws: ``IdentityError/invalidSchemeID`` if the id is not 1–32 lowercase ASCII
    ///   letters, digits and hyphens; ``IdentityError/duplicateScheme(id:)`` if it is taken.
    public mutating func register(_ scheme: any IdentifierScheme) throws(IdentityError) {
        guard Self.isWellFormedSchemeID(scheme.id) else { throw .invalidSchemeID }
        guard schemes[scheme.id] == nil else { throw .duplicateScheme(id: scheme.id) }
        schemes[scheme.id] = scheme
    }

    /// Returns a copy of this registry with `scheme` registered (see ``register(_:)``).
    public func registering(_ scheme: any IdentifierScheme) throws(IdentityError) -> IdentifierSchemeRegistry {
        var copy = self
        try copy.register(scheme)
        return copy
    }

    /// The scheme registered under `id`, if any.
    public func scheme(id: String) -> (any IdentifierScheme)? {
        schemes[id]
    }

    /// Validates `raw` with the scheme registered under `schemeID`.
    ///
    /// - Throws: ``IdentityError/unknownScheme(id:)`` (or ``IdentityError/invalidSchemeID`` for a
    ///   malformed id). An invalid identifier is not an error: inspect the returned validation.
    public func validate(_ raw: String, scheme schemeID: String, at date: Date? = nil) throws(IdentityError)
        -> IdentifierValidation
    {
        guard Self.isWellFormedSchemeID(schemeID) else { throw .invalidSchemeID }
        guard let scheme = schemes[schemeID] else { throw .unknownScheme(id: schemeID) }
        return scheme.validate(raw, at: date)
    }

    /// Validates `raw` and returns it as a ``PartyIdentifier``.
    ///
    /// - Throws: ``IdentityError/invalidIdentifier(schemeID:failure:)`` if it is invalid, or the
    ///   errors of ``validate(_:scheme:at:)``.
    public func identifier(_ raw: String, scheme schemeID: String, at date: Date? = nil) throws(IdentityError)
        -> PartyIdentifier
    {
        let validation = try validate(raw, scheme: schemeID, at: date)
        return try PartyIdentifier(validation)
    }

    /// Whether `id` is 1–32 characters of lowercase ASCII letters, digits and hyphens.
    public static func isWellFormedSchemeID(_ id: String) -> Bool {
        guard (1...32).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        }
    }
}
