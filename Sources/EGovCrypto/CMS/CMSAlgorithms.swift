/// Internal: object identifiers and the mapping between CMS algorithm identifiers and
/// EGovKit's ``SignatureAlgorithm`` / ``HashAlgorithm``.
enum CMSAlgorithms {
    static let data = "1.2.840.113549.1.7.1"
    static let signedData = "1.2.840.113549.1.7.2"
    static let contentTypeAttribute = "1.2.840.113549.1.9.3"
    static let messageDigestAttribute = "1.2.840.113549.1.9.4"
    static let signingTimeAttribute = "1.2.840.113549.1.9.5"
    static let signingCertificateV2Attribute = "1.2.840.113549.1.9.16.2.47"
    static let signatureTimeStampTokenAttribute = "1.2.840.113549.1.9.16.2.14"

    static let ecPublicKey = "1.2.840.10045.2.1"
    static let ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    static let ecdsaWithSHA384 = "1.2.840.10045.4.3.3"
    static let rsaEncryption = "1.2.840.113549.1.1.1"
    static let sha256WithRSAEncryption = "1.2.840.113549.1.1.11"
    static let rsassaPSS = "1.2.840.113549.1.1.10"
    static let mgf1 = "1.2.840.113549.1.1.8"
    static let ed25519 = "1.3.101.112"
    static let sm2WithSM3 = "1.2.156.10197.1.501"
    static let sm2Sign = "1.2.156.10197.1.301.1"
    static let sm2PublicKey = "1.2.156.10197.1.301"

    /// Digest algorithm OIDs (RFC 5754, GM/T 0006 for SM3).
    static func oid(of hash: HashAlgorithm) -> String {
        switch hash {
        case .sha256: "2.16.840.1.101.3.4.2.1"
        case .sha384: "2.16.840.1.101.3.4.2.2"
        case .sha512: "2.16.840.1.101.3.4.2.3"
        case .sm3: "1.2.156.10197.1.401"
        }
    }

    /// The digest algorithm named by `oid`, if EGovKit supports it.
    static func hash(forOID oid: String) -> HashAlgorithm? {
        HashAlgorithm.allCases.first { Self.oid(of: $0) == oid }
    }

    /// The CMS digest algorithm for a signature algorithm (RFC 8419: SHA-512 for Ed25519).
    static func digest(for algorithm: SignatureAlgorithm) -> HashAlgorithm {
        algorithm.hashAlgorithm ?? .sha512
    }

    /// The RSASSA-PSS parameters EGovKit's PS256 uses: SHA-256, MGF1 with SHA-256, 32-byte salt,
    /// trailer field 1 (default, omitted). `withNull` chooses NULL or absent hash parameters.
    static func ps256Parameters(withNull: Bool) throws(CMSError) -> [UInt8] {
        let sha256 = try CMSDER.algorithm(oid(of: .sha256), parameters: withNull ? [0x05, 0x00] : nil)
        return CMSDER.sequence([
            CMSDER.tlv(0xA0, sha256),
            CMSDER.tlv(0xA1, try CMSDER.algorithm(mgf1, parameters: sha256)),
            CMSDER.tlv(0xA2, CMSDER.integer(32)),
        ])
    }

    /// The signature AlgorithmIdentifier EGovKit writes for `algorithm`.
    static func signatureAlgorithmIdentifier(_ algorithm: SignatureAlgorithm) throws(CMSError) -> [UInt8] {
        switch algorithm {
        case .es256: try CMSDER.algorithm(ecdsaWithSHA256)
        case .es384: try CMSDER.algorithm(ecdsaWithSHA384)
        case .rs256: try CMSDER.algorithm(sha256WithRSAEncryption, parameters: [0x05, 0x00])
        case .ps256: try CMSDER.algorithm(rsassaPSS, parameters: ps256Parameters(withNull: true))
        case .edDSA: try CMSDER.algorithm(ed25519)
        case .sm2: try CMSDER.algorithm(sm2WithSM3)
        }
    }

    /// The signature algorithm a SignerInfo declares, given its digest algorithm and (for the
    /// generic key OIDs `id-ecPublicKey` and `rsaEncryption`, which OpenSSL writes) the signer's
    /// key type. `nil` when the combination is not one EGovKit verifies.
    static func signatureAlgorithm(
        oid: String, parameters: [UInt8]?, digest: HashAlgorithm?, keyType: KeyType?
    ) -> SignatureAlgorithm? {
        let candidate: SignatureAlgorithm?
        switch oid {
        case ecdsaWithSHA256: candidate = .es256
        case ecdsaWithSHA384: candidate = .es384
        case ecPublicKey:
            switch keyType {
            case .p256: candidate = .es256
            case .p384: candidate = .es384
            default: candidate = nil
            }
        case sha256WithRSAEncryption, rsaEncryption: candidate = .rs256
        case rsassaPSS:
            let accepted = [try? ps256Parameters(withNull: true), try? ps256Parameters(withNull: false)]
            candidate = parameters.map { accepted.contains($0) } == true ? .ps256 : nil
        case ed25519: candidate = .edDSA
        case sm2WithSM3, sm2Sign, sm2PublicKey: candidate = .sm2
        default: candidate = nil
        }
        guard let candidate, let digest, digest == Self.digest(for: candidate) else { return nil }
        // Parameters: absent or NULL for the fixed algorithms (PSS was checked above).
        if candidate != .ps256, let parameters, parameters != [0x05, 0x00] { return nil }
        return candidate
    }
}
