import EGovCore
import Foundation

/// A kind of electronic proof (電子證明) or digital licence (數碼證照), identified by its SD-JWT VC
/// type (`vct`), with the names and claim labels wallets and counters display.
public struct CredentialType: Sendable, Hashable, Codable {
    /// Display metadata for one claim.
    public struct Claim: Sendable, Hashable, Codable {
        /// The claim's path, dotted (`licence_number`, `holder.name`).
        public var path: String
        /// The label in zh-Hant, zh-Hans, pt and en.
        public var label: LocalizedText
        /// Whether the holder may withhold it (selective disclosure). Identifiers that must always
        /// travel with the credential are not.
        public var selectivelyDisclosable: Bool

        /// Creates claim metadata.
        public init(path: String, label: LocalizedText, selectivelyDisclosable: Bool = true) {
            self.path = path
            self.label = label
            self.selectivelyDisclosable = selectivelyDisclosable
        }
    }

    /// The SD-JWT VC type, a URI (e.g. `https://credentials.gov.mo/food-establishment-licence`).
    public var vct: String
    /// The credential's name.
    public var name: LocalizedText
    /// A short description.
    public var description: LocalizedText?
    /// The claims and their labels.
    public var claims: [Claim]
    /// Default validity in seconds (nil: until revoked).
    public var defaultValidity: TimeInterval?

    /// Creates a type.
    public init(
        vct: String, name: LocalizedText, description: LocalizedText? = nil, claims: [Claim],
        defaultValidity: TimeInterval? = nil
    ) {
        self.vct = vct
        self.name = name
        self.description = description
        self.claims = claims
        self.defaultValidity = defaultValidity
    }

    /// Languages every credential type must name itself in.
    public static let requiredLanguages: [LanguageTag] = [.zhHant, .zhHans, .pt, .en]

    /// Languages of ``requiredLanguages`` missing from the name or from any claim label.
    public var missingLanguages: [LanguageTag] { missingLanguages(required: Self.requiredLanguages) }

    /// Languages of `required` missing from the name or from any claim label, in the order given.
    public func missingLanguages(required: [LanguageTag]) -> [LanguageTag] {
        var missing = Set(name.missingLanguages(required: required))
        for claim in claims { missing.formUnion(claim.label.missingLanguages(required: required)) }
        return required.filter { missing.contains($0) }
    }
}
