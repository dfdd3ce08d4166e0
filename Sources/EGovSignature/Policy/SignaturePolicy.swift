import EGovCore
import EGovCrypto
import Foundation

/// What a department requires of the signatures on one type of document, e.g. "an application
/// for a food licence must carry an advanced signature of the applicant, ES256 / SM2 only, and a
/// signature less than 30 days old".
///
/// Policies are data (`Codable`), so departments keep them with their service definitions.
public struct SignaturePolicy: Sendable, Hashable, Codable {
    /// What to conclude when the signing certificate has expired at validation time and no
    /// time-stamp proves the signature was made while it was valid.
    public enum ExpiredWithoutProof: String, Sendable, Hashable, Codable {
        /// INDETERMINATE / OUT_OF_BOUNDS_NO_POE (ETSI EN 319 102-1 default: proof may appear later).
        case indeterminate
        /// TOTAL_FAILED / EXPIRED (the department does not accept unproven old signatures).
        case failed
    }

    /// A stable identifier, recorded in reports.
    public var id: String
    /// The document type it applies to.
    public var documentType: String
    /// The lowest acceptable level.
    public var minimumLevel: SignatureLevel
    /// The required kind, or `nil` for either (a person's signature or an organisation's seal).
    public var requiredKind: SignatureKind?
    /// The signature algorithms accepted.
    public var allowedAlgorithms: Set<SignatureAlgorithm>
    /// Whether a signature time-stamp (RFC 3161) is required.
    public var timestampRequired: Bool
    /// Longest accepted time between signing and validation, in seconds, or `nil` for no limit.
    public var maximumAge: TimeInterval?
    /// The conclusion for an expired certificate without proof of earlier signing.
    public var expiredWithoutProof: ExpiredWithoutProof
    /// How many valid signatures the document needs (co-applicants), at least 1.
    public var minimumSignatures: Int
    /// Whether the signature must carry a signed reference to its certificate (CAdES
    /// signing-certificate-v2, JWS `x5t#S256`), as the baseline profiles require. Off by default so
    /// that plain CMS from other tools validates; a missing reference is then a warning.
    public var requireSigningCertificateReference: Bool

    /// Creates a policy.
    public init(
        id: String, documentType: String, minimumLevel: SignatureLevel = .advanced, requiredKind: SignatureKind? = nil,
        allowedAlgorithms: Set<SignatureAlgorithm> = [.es256, .es384, .edDSA, .rs256, .ps256, .sm2],
        timestampRequired: Bool = false, maximumAge: TimeInterval? = nil,
        expiredWithoutProof: ExpiredWithoutProof = .indeterminate, minimumSignatures: Int = 1,
        requireSigningCertificateReference: Bool = false
    ) {
        self.id = id
        self.documentType = documentType
        self.minimumLevel = minimumLevel
        self.requiredKind = requiredKind
        self.allowedAlgorithms = allowedAlgorithms
        self.timestampRequired = timestampRequired
        self.maximumAge = maximumAge
        self.expiredWithoutProof = expiredWithoutProof
        self.minimumSignatures = max(1, minimumSignatures)
        self.requireSigningCertificateReference = requireSigningCertificateReference
    }

    enum CodingKeys: String, CodingKey {
        case id, documentType, minimumLevel, requiredKind, allowedAlgorithms, timestampRequired, maximumAge
        case expiredWithoutProof, minimumSignatures, requireSigningCertificateReference
    }

    /// Decodes a policy; members other than `id` and `documentType` take their defaults when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            documentType: try container.decode(String.self, forKey: .documentType),
            minimumLevel: try container.decodeIfPresent(SignatureLevel.self, forKey: .minimumLevel) ?? .advanced,
            requiredKind: try container.decodeIfPresent(SignatureKind.self, forKey: .requiredKind),
            allowedAlgorithms: try container.decodeIfPresent(Set<SignatureAlgorithm>.self, forKey: .allowedAlgorithms)
                ?? [.es256, .es384, .edDSA, .rs256, .ps256, .sm2],
            timestampRequired: try container.decodeIfPresent(Bool.self, forKey: .timestampRequired) ?? false,
            maximumAge: try container.decodeIfPresent(TimeInterval.self, forKey: .maximumAge),
            expiredWithoutProof: try container.decodeIfPresent(ExpiredWithoutProof.self, forKey: .expiredWithoutProof)
                ?? .indeterminate,
            minimumSignatures: try container.decodeIfPresent(Int.self, forKey: .minimumSignatures) ?? 1,
            requireSigningCertificateReference: try container.decodeIfPresent(
                Bool.self, forKey: .requireSigningCertificateReference) ?? false)
    }

    /// Accepts any valid signature at any level with any supported algorithm.
    public static let permissive = SignaturePolicy(id: "egovkit:permissive", documentType: "any", minimumLevel: .simple)

    /// Parses a policy from JSON (the `Codable` form), with a size limit.
    public init(jsonBytes: some DataProtocol) throws(SignaturePolicyError) {
        let bytes = Array(jsonBytes)
        guard bytes.count <= 64 * 1024 else { throw .malformed("larger than 64 KiB") }
        do {
            _ = try JSONValue.parse(bytes, limits: .init(maximumBytes: 64 * 1024, maximumDepth: 8))
            self = try JSONDecoder().decode(SignaturePolicy.self, from: Data(bytes))
        } catch let error as JSONParseError {
            throw .malformed(error.reason)
        } catch {
            throw .malformed("not a signature policy: \(error)")
        }
    }
}
