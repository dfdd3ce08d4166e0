import EGovCore
import EGovCrypto
import Foundation

/// Which department may issue which credential types, and how to find its signing key.
///
/// A verifier never trusts a credential because it verifies under *some* key: the `iss` must be
/// registered, the `vct` must be one that issuer may issue, and the signature must verify under a
/// key of that issuer — either from an `x5c` chain that validates to the issuer's trust anchors,
/// or from the issuer's pinned JWKS by `kid`.
public struct IssuerRegistry: Sendable {
    /// How an issuer's signing key is established.
    public enum KeySource: Sendable {
        /// From the credential's `x5c` header, whose chain must validate to these anchors.
        case certificates(trustAnchors: [Certificate])
        /// From these pinned keys, chosen by `kid`.
        case keys(JWSKeySet)
    }

    /// One trusted issuer.
    public struct Issuer: Sendable {
        /// The `iss` value.
        public var identifier: String
        /// The department's name.
        public var name: LocalizedText
        /// The credential types (`vct`) it may issue.
        public var credentialTypes: Set<String>
        /// How its key is found.
        public var keySource: KeySource

        /// Creates an issuer entry.
        public init(identifier: String, name: LocalizedText, credentialTypes: Set<String>, keySource: KeySource) {
            self.identifier = identifier
            self.name = name
            self.credentialTypes = credentialTypes
            self.keySource = keySource
        }
    }

    /// The registered issuers by `iss`.
    public private(set) var issuers: [String: Issuer] = [:]

    /// Creates a registry.
    public init(_ issuers: [Issuer] = []) {
        for issuer in issuers { self.issuers[issuer.identifier] = issuer }
    }

    /// Adds or replaces an issuer.
    public mutating func register(_ issuer: Issuer) { issuers[issuer.identifier] = issuer }

    /// Whether `issuer` may issue `vct`.
    public func allows(issuer: String, toIssue vct: String) -> Bool {
        issuers[issuer]?.credentialTypes.contains(vct) ?? false
    }
}
