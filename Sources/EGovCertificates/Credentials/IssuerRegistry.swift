import EGovCore
import EGovCrypto
import Foundation

/// Which department may issue which credential types, and how to find its signing key.
///
/// A verifier never trusts a credential because it verifies under *some* key: the `iss` must be
/// registered, the `vct` must be one that issuer may issue, and the signature must verify under a
/// key of that issuer — either from an `x5c` chain that validates to the issuer's trust anchors,
/// or from the issuer's pinned JWKS (`kid` is a hint, RFC 7515 section 4.1.4).
///
/// An `x5c` issuer certificate must be fit for the issuer's ``Issuer/certificatePurpose`` (an
/// organisation seal by default, ETSI EN 319 412-3) **and** be bound to the `iss` by the issuer's
/// ``Issuer/certificateBinding``: a certificate that merely chains to the anchors (a TLS server
/// certificate, another department's seal) issues nothing. The header's `alg` must be one of the
/// issuer's ``Issuer/allowedAlgorithms``, and fit the key's type.
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
        /// How an `x5c` leaf certificate is tied to ``identifier`` (default: a SAN URI equal to it).
        public var certificateBinding: IssuerCertificateBinding
        /// What an `x5c` leaf certificate must be fit for: `CertificatePurpose/seal` (default) or
        /// `CertificatePurpose/signing`.
        public var certificatePurpose: CertificatePurpose
        /// The JWS algorithms accepted from this issuer (default: all; a key is still used only
        /// with algorithms of its own type). Pinned keys are bound to one algorithm each as well.
        public var allowedAlgorithms: Set<SignatureAlgorithm>

        /// Creates an issuer entry.
        public init(
            identifier: String, name: LocalizedText, credentialTypes: Set<String>, keySource: KeySource,
            certificateBinding: IssuerCertificateBinding = .subjectAlternativeNameURI,
            certificatePurpose: CertificatePurpose = .seal,
            allowedAlgorithms: Set<SignatureAlgorithm> = Set(SignatureAlgorithm.allCases)
        ) {
            self.identifier = identifier
            self.name = name
            self.credentialTypes = credentialTypes
            self.keySource = keySource
            self.certificateBinding = certificateBinding
            self.certificatePurpose = certificatePurpose
            self.allowedAlgorithms = allowedAlgorithms
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

/// How an issuer's `x5c` leaf certificate is tied to the credential's `iss`.
public enum IssuerCertificateBinding: Sendable, Hashable {
    /// The leaf has a subjectAltName uniformResourceIdentifier exactly equal to `iss` (the SD-JWT
    /// VC rule for X.509 issuers).
    case subjectAlternativeNameURI
    /// The leaf's subject organizationIdentifier (OID 2.5.4.97, ETSI EN 319 412-1 section 5.1.4,
    /// e.g. `NTRMO-12345`) is exactly this value.
    case organizationIdentifier(String)

    /// Whether `leaf` is bound to the issuer `identifier`.
    public func binds(_ leaf: Certificate, to identifier: String) -> Bool {
        switch self {
        case .subjectAlternativeNameURI:
            return leaf.subjectAlternativeNames.contains(.uri(identifier))
        case .organizationIdentifier(let expected):
            return leaf.subject.firstValue(forOID: "2.5.4.97") == expected
        }
    }
}
