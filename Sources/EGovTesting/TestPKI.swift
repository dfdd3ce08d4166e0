import EGovCrypto
import Foundation

/// A throw-away PKI for tests: a root CA, an intermediate CA (path length 0) and a leaf,
/// generated on the fly for one key algorithm.
///
/// Validity periods are fixed around ``referenceDate`` (2026-01-01T00:00:00Z) so tests are
/// deterministic with ``ManualClock``: root ±(5 years back, 20 ahead), intermediate (3 back,
/// 10 ahead), leaves (1 back, 1 ahead) unless given explicitly. Keys are freshly generated and
/// must never be used outside tests.
public struct TestPKI: Sendable {
    /// Key algorithms the PKI can use (all certificates of one PKI use the same algorithm).
    public enum Algorithm: String, Sendable, CaseIterable {
        /// ECDSA P-256 with SHA-256.
        case p256
        /// ECDSA P-384 with SHA-384.
        case p384
        /// RSA-2048 with SHA-256 (PKCS #1 v1.5).
        case rsa
        /// SM2 with SM3 (distinguishing ID ``TestPKI/sm2ID``).
        case sm2

        /// The key type generated for this algorithm.
        public var keyType: KeyType {
            switch self {
            case .p256: .p256
            case .p384: .p384
            case .rsa: .rsa(bits: 2048)
            case .sm2: .sm2
            }
        }
    }

    /// Leaf certificate profiles.
    public enum LeafProfile: String, Sendable, CaseIterable {
        /// Natural person signing: keyUsage digitalSignature + nonRepudiation (critical),
        /// EKU emailProtection + documentSigning, person DN, optional QC statements.
        case personSigning
        /// Organisation seal: keyUsage digitalSignature + nonRepudiation, organisation DN with
        /// organizationIdentifier.
        case organisationSeal
        /// Time-stamping unit: keyUsage digitalSignature + nonRepudiation, EKU timeStamping only,
        /// critical.
        case timestamping
        /// TLS server: keyUsage digitalSignature, EKU serverAuth, SAN dNSName.
        case server
    }

    /// A certificate with its private key.
    public struct Issued: Sendable {
        /// The certificate.
        public let certificate: Certificate
        /// Its private key (test material only).
        public let privateKey: PrivateKey
        /// The certificate followed by the CA certificates that issued it, without the root: what a
        /// signer sends (`x5c`, CMS certificates). The root alone is its own chain.
        public let chain: [Certificate]

        init(certificate: Certificate, privateKey: PrivateKey, issuer: Issued?) {
            self.certificate = certificate
            self.privateKey = privateKey
            if let issuer, !issuer.isRoot {
                chain = [certificate] + issuer.chain
            } else {
                chain = [certificate]
            }
        }

        /// Whether this is a self-signed root.
        var isRoot: Bool { certificate.subject == certificate.issuer }
    }

    /// The paths written by ``writePEMFiles(to:)``.
    public struct PEMFiles: Sendable {
        /// Root certificate (`root.pem`).
        public let root: URL
        /// Intermediate certificate (`intermediate.pem`).
        public let intermediate: URL
        /// Leaf certificate (`leaf.pem`).
        public let leaf: URL
        /// Intermediate followed by root (`chain.pem`).
        public let chain: URL
        /// Root private key, PKCS #8 (`root.key`).
        public let rootKey: URL
        /// Intermediate private key, PKCS #8 (`intermediate.key`).
        public let intermediateKey: URL
        /// Leaf private key, PKCS #8 (`leaf.key`).
        public let leafKey: URL
        /// CRL of the intermediate at the reference date, with the revoked serials (`crl.pem`).
        public let crl: URL
    }

    /// 2026-01-01T00:00:00Z.
    public static let referenceDate = Date(timeIntervalSince1970: 1_767_225_600)
    /// One year of 365 days, in seconds.
    public static let year: TimeInterval = 365 * 86_400

    /// The key algorithm.
    public let algorithm: Algorithm
    /// The SM2 distinguishing ID used for SM2 signatures.
    public let sm2ID: SM2DistinguishingID
    /// The root CA (self-signed, no path length constraint).
    public let root: Issued
    /// The intermediate CA (path length 0), issued by the root.
    public let intermediate: Issued
    /// The default leaf, issued by the intermediate.
    public let leaf: Issued
    /// Revocations recorded with ``revoke(_:at:)``.
    public private(set) var revocations: [CRLBuilder.Entry] = []

    /// Generates the hierarchy.
    public init(
        algorithm: Algorithm = .p256, leafProfile: LeafProfile = .personSigning,
        sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) {
        self.algorithm = algorithm
        self.sm2ID = sm2ID
        let reference = Self.referenceDate
        let rootKey = try PrivateKey.generate(algorithm.keyType)
        var rootBuilder = CertificateBuilder(
            subject: try DistinguishedName([
                ("C", "EE"), ("O", "EGovKit Test"), ("CN", "EGovKit Test Root CA"),
            ]),
            publicKey: rootKey.publicKey, notBefore: reference - 5 * Self.year,
            notAfter: reference + 20 * Self.year)
        rootBuilder.basicConstraints = .certificateAuthority(pathLength: nil)
        rootBuilder.keyUsage = [.keyCertSign, .cRLSign]
        let rootCertificate = try rootBuilder.sign(with: rootKey, sm2ID: sm2ID)
        root = Issued(certificate: rootCertificate, privateKey: rootKey, issuer: nil)
        intermediate = try Self.issueCA(
            subject: try DistinguishedName([
                ("C", "EE"), ("O", "EGovKit Test"), ("CN", "EGovKit Test Intermediate CA"),
            ]),
            issuer: root, pathLength: 0, notBefore: reference - 3 * Self.year,
            notAfter: reference + 10 * Self.year,
            algorithm: algorithm, sm2ID: sm2ID)
        leaf = try Self.makeLeaf(
            profile: leafProfile, subject: nil, notBefore: nil, notAfter: nil, qcStatements: false,
            issuer: intermediate, algorithm: algorithm, sm2ID: sm2ID)
    }

    /// Issues a subordinate CA certificate (keyUsage keyCertSign + cRLSign, basicConstraints
    /// critical) with a fresh key.
    public func issueCA(
        subject: DistinguishedName, issuer: Issued, pathLength: Int?,
        notBefore: Date = TestPKI.referenceDate - 3 * TestPKI.year,
        notAfter: Date = TestPKI.referenceDate + 10 * TestPKI.year
    ) throws(CryptoError) -> Issued {
        try Self.issueCA(
            subject: subject, issuer: issuer, pathLength: pathLength, notBefore: notBefore,
            notAfter: notAfter,
            algorithm: algorithm, sm2ID: sm2ID)
    }

    /// Issues a leaf certificate with a fresh key.
    ///
    /// - Parameters:
    ///   - profile: the key usage / EKU / name profile.
    ///   - subject: the subject; `nil` uses the profile's default test name.
    ///   - notBefore: defaults to one year before ``referenceDate``.
    ///   - notAfter: defaults to one year after ``referenceDate``.
    ///   - qcStatements: adds QcCompliance and QcSSCD statements.
    ///   - issuer: the issuing CA; defaults to ``intermediate``.
    public func issueLeaf(
        profile: LeafProfile, subject: DistinguishedName? = nil, notBefore: Date? = nil,
        notAfter: Date? = nil,
        qcStatements: Bool = false, issuer: Issued? = nil
    ) throws(CryptoError) -> Issued {
        try Self.makeLeaf(
            profile: profile, subject: subject, notBefore: notBefore, notAfter: notAfter,
            qcStatements: qcStatements,
            issuer: issuer ?? intermediate, algorithm: algorithm, sm2ID: sm2ID)
    }

    /// Issues a leaf from a fully custom builder configuration: `configure` receives a builder
    /// with the subject, a fresh key and the default leaf validity, and may change anything.
    public func issueCustomLeaf(
        issuer: Issued? = nil, _ configure: (inout CertificateBuilder) -> Void
    ) throws(CryptoError) -> Issued {
        let key = try PrivateKey.generate(algorithm.keyType)
        var builder = CertificateBuilder(
            subject: try DistinguishedName([("C", "EE"), ("CN", "Custom Test Leaf")]),
            publicKey: key.publicKey,
            notBefore: Self.referenceDate - Self.year, notAfter: Self.referenceDate + Self.year)
        builder.basicConstraints = .endEntity
        configure(&builder)
        let signer = issuer ?? intermediate
        let certificate = try builder.sign(
            with: signer.privateKey, issuer: signer.certificate, sm2ID: sm2ID)
        return Issued(certificate: certificate, privateKey: key, issuer: signer)
    }

    /// Records `serialNumber` (hex) as revoked at `date`; later CRLs list it.
    public mutating func revoke(
        _ serialNumber: String, at date: Date = TestPKI.referenceDate - 86_400
    ) {
        revocations.append(CRLBuilder.Entry(serialNumber: serialNumber, revocationDate: date))
    }

    /// A CRL issued at `date` by `issuer` (default: the intermediate), valid for seven days
    /// unless `nextUpdate` is given, listing every recorded revocation.
    public func crl(
        at date: Date = TestPKI.referenceDate, nextUpdate: Date? = nil, issuer: Issued? = nil,
        crlNumber: Int = 1
    ) throws(CryptoError) -> CertificateRevocationList {
        let signer = issuer ?? intermediate
        let builder = CRLBuilder(
            thisUpdate: date, nextUpdate: nextUpdate ?? date + 7 * 86_400, crlNumber: crlNumber,
            entries: revocations)
        return try builder.sign(issuer: signer.certificate, key: signer.privateKey, sm2ID: sm2ID)
    }

    /// Writes certificates, keys (PKCS #8 PEM) and the CRL into `directory` for CLI tests.
    public func writePEMFiles(to directory: URL) throws -> PEMFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ text: String, _ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url, options: .atomic)
            return url
        }
        return PEMFiles(
            root: try write(root.certificate.pemRepresentation, "root.pem"),
            intermediate: try write(intermediate.certificate.pemRepresentation, "intermediate.pem"),
            leaf: try write(leaf.certificate.pemRepresentation, "leaf.pem"),
            chain: try write(
                intermediate.certificate.pemRepresentation + root.certificate.pemRepresentation, "chain.pem"
            ),
            rootKey: try write(root.privateKey.pkcs8PEMRepresentation(), "root.key"),
            intermediateKey: try write(
                intermediate.privateKey.pkcs8PEMRepresentation(), "intermediate.key"),
            leafKey: try write(leaf.privateKey.pkcs8PEMRepresentation(), "leaf.key"),
            crl: try write(crl().pemRepresentation, "crl.pem"))
    }

    private static func issueCA(
        subject: DistinguishedName, issuer: Issued, pathLength: Int?, notBefore: Date, notAfter: Date,
        algorithm: Algorithm, sm2ID: SM2DistinguishingID
    ) throws(CryptoError) -> Issued {
        let key = try PrivateKey.generate(algorithm.keyType)
        var builder = CertificateBuilder(
            subject: subject, publicKey: key.publicKey, notBefore: notBefore, notAfter: notAfter)
        builder.basicConstraints = .certificateAuthority(pathLength: pathLength)
        builder.keyUsage = [.keyCertSign, .cRLSign]
        let certificate = try builder.sign(
            with: issuer.privateKey, issuer: issuer.certificate, sm2ID: sm2ID)
        return Issued(certificate: certificate, privateKey: key, issuer: issuer)
    }

    private static func makeLeaf(
        profile: LeafProfile, subject: DistinguishedName?, notBefore: Date?, notAfter: Date?,
        qcStatements: Bool,
        issuer: Issued, algorithm: Algorithm, sm2ID: SM2DistinguishingID
    ) throws(CryptoError) -> Issued {
        let key = try PrivateKey.generate(algorithm.keyType)
        let name: DistinguishedName
        if let subject {
            name = subject
        } else {
            switch profile {
            case .personSigning:
                name = try DistinguishedName([
                    ("C", "EE"), ("GN", "Test"), ("SN", "Person"), ("serialNumber", "PNOEE-00000000000"),
                    ("CN", "Person, Test"),
                ])
            case .organisationSeal:
                name = try DistinguishedName([
                    ("C", "EE"), ("O", "EGovKit Test Agency"), ("organizationIdentifier", "NTREE-00000000"),
                    ("CN", "EGovKit Test Agency Seal"),
                ])
            case .timestamping:
                name = try DistinguishedName([
                    ("C", "EE"), ("O", "EGovKit Test"), ("CN", "EGovKit Test TSU"),
                ])
            case .server:
                name = try DistinguishedName([
                    ("C", "EE"), ("O", "EGovKit Test"), ("CN", "test.egovkit.invalid"),
                ])
            }
        }
        var builder = CertificateBuilder(
            subject: name, publicKey: key.publicKey, notBefore: notBefore ?? referenceDate - year,
            notAfter: notAfter ?? referenceDate + year)
        builder.basicConstraints = .endEntity
        switch profile {
        case .personSigning:
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
            builder.extendedKeyUsage = [
                ExtendedKeyUsage.emailProtection, ExtendedKeyUsage.documentSigning,
            ]
        case .organisationSeal:
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
        case .timestamping:
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
            builder.extendedKeyUsage = [ExtendedKeyUsage.timeStamping]
            builder.extendedKeyUsageIsCritical = true
        case .server:
            builder.keyUsage = [.digitalSignature]
            builder.extendedKeyUsage = [ExtendedKeyUsage.serverAuth]
            builder.subjectAlternativeNames = [.dns(name.commonName ?? "test.egovkit.invalid")]
        }
        if qcStatements {
            builder.qcStatements = [CertificateBuilder.qcCompliance, CertificateBuilder.qcSSCD]
        }
        let certificate = try builder.sign(
            with: issuer.privateKey, issuer: issuer.certificate, sm2ID: sm2ID)
        return Issued(certificate: certificate, privateKey: key, issuer: issuer)
    }
}
