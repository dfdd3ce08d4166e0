import EGovCore
import EGovCrypto
import Foundation

/// Signs documents as JWS (compact or JSON serialisation, attached or detached) or CMS
/// (CAdES baseline B, or T with a time-stamp), through any `SigningKey` — a software key, an
/// HSM, a remote signing service, or a one-time-certificate session.
///
/// JWS signatures carry `x5c` (the chain), `x5t#S256` (binding the signing certificate, checked
/// by validators) and the signing time as JAdES `sigT`, listed in `crit`.
public struct DocumentSigner: Sendable {
    /// The signing key.
    public let signingKey: any SigningKey
    /// The signing certificate followed by its chain (without the root).
    public let certificates: [Certificate]
    /// Adds a signature time-stamp when set (JWS JSON and CMS; a compact JWS has nowhere to put it).
    public let timestampClient: TimeStampClient?
    private let clock: any WallClock

    /// Why signing was refused.
    public enum Failure: EGovError, Equatable {
        /// No signing certificate was given.
        case noCertificate
        /// The certificate does not certify the signing key.
        case certificateMismatch
        /// A time-stamp was requested for a compact JWS.
        case timestampNeedsJSONSerialization

        public var code: String {
            switch self {
            case .noCertificate: "signature.signer.no_certificate"
            case .certificateMismatch: "signature.signer.certificate_mismatch"
            case .timestampNeedsJSONSerialization: "signature.signer.timestamp_needs_json"
            }
        }

        public var reason: String {
            switch self {
            case .noCertificate: "a signing certificate is required"
            case .certificateMismatch: "the signing certificate does not match the signing key"
            case .timestampNeedsJSONSerialization:
                "a compact JWS has no unprotected header for a time-stamp; use the JSON serialisation"
            }
        }
    }

    /// Creates a signer; the first certificate must certify the key.
    public init(
        signingKey: any SigningKey, certificates: [Certificate], timestampClient: TimeStampClient? = nil,
        clock: any WallClock
    ) throws(Failure) {
        guard let leaf = certificates.first else { throw .noCertificate }
        guard leaf.publicKey == signingKey.publicKey else { throw .certificateMismatch }
        self.signingKey = signingKey
        self.certificates = certificates
        self.timestampClient = timestampClient
        self.clock = clock
    }

    /// The protected header: alg, x5c, x5t#S256, sigT (critical), and an optional typ.
    func header(type: String?) -> JWSHeader {
        let leaf = certificates[0]
        let now = RFC3339Time.truncate(clock.now(), to: .seconds)
        return JWSHeader(
            algorithm: signingKey.algorithm, type: type, certificateChain: certificates.map(\.derRepresentation),
            critical: ["sigT"],
            additional: [
                "x5t#S256": .string(Base64URL.encode(leaf.fingerprint(.sha256))),
                "sigT": .string(RFC3339Time.format(now, precision: .seconds)),
            ])
    }

    /// A compact JWS over `payload`.
    public func jws(payload: [UInt8], detached: Bool = false, type: String? = nil) async throws -> String {
        guard timestampClient == nil else { throw Failure.timestampNeedsJSONSerialization }
        return try await JWS.sign(payload: payload, header: header(type: type), key: signingKey, detached: detached)
    }

    /// A JWS JSON serialisation with this signer's signature (and time-stamp, if configured).
    public func jwsJSON(payload: [UInt8], detached: Bool = false, type: String? = nil) async throws -> JWSJSON {
        let signed = try await JWSJSON.sign(
            payload: payload, signers: [(key: signingKey, header: header(type: type), unprotected: [:])],
            detached: detached)
        return try await timestamped(signed, at: 0)
    }

    /// `existing` with this signer's signature added (co-signing, or a department's seal on an
    /// application). Pass the payload when it is detached.
    public func addingSignature(to existing: JWSJSON, detachedPayload: [UInt8]? = nil, type: String? = nil)
        async throws -> JWSJSON
    {
        let signed = try await existing.addingSignature(
            key: signingKey, header: header(type: type), detachedPayload: detachedPayload)
        return try await timestamped(signed, at: signed.signatures.count - 1)
    }

    private func timestamped(_ jws: JWSJSON, at index: Int) async throws -> JWSJSON {
        guard let timestampClient else { return jws }
        // JAdES sigTst: the imprint covers the base64url-encoded signature value.
        let token = try await timestampClient.timestamp(
            data: SignatureTimestamps.jadesImprintInput(signatureValue: jws.signatures[index].signature))
        return try jws.settingUnprotectedHeader(SignatureTimestamps.etsiU([token]), at: index)
    }

    /// CMS SignedData (CAdES baseline B; baseline T when a time-stamp client is configured) over
    /// `content`, attached or detached.
    public func cms(content: [UInt8], detached: Bool = false) async throws -> [UInt8] {
        let signed = try await CMSBuilder.sign(
            content: content, detached: detached, signer: signingKey, certificate: certificates[0],
            chain: Array(certificates.dropFirst()), signingTime: signingTime())
        return try await timestampedCMS(signed)
    }

    /// The digest algorithm of this signer's CMS signatures (`CMSBuilder/digestAlgorithm(for:)`).
    public var cmsDigestAlgorithm: HashAlgorithm { CMSBuilder.digestAlgorithm(for: signingKey.algorithm) }

    /// Detached CMS SignedData, as ``cms(content:detached:)`` with `detached: true`, over content
    /// given by its digest under ``cmsDigestAlgorithm``: content of any size can be hashed in
    /// chunks instead of being held in memory.
    public func cmsDetached(contentDigest: [UInt8]) async throws -> [UInt8] {
        let signed = try await CMSBuilder.signDetached(
            contentDigest: contentDigest, signer: signingKey, certificate: certificates[0],
            chain: Array(certificates.dropFirst()), signingTime: signingTime())
        return try await timestampedCMS(signed)
    }

    /// `cms` with this signer's SignerInfo added over the same content (co-signing, sealing).
    /// Pass the content when the CMS is detached.
    public func addingSignature(toCMS cms: [UInt8], detachedContent: [UInt8]? = nil) async throws -> [UInt8] {
        let signed = try await CMSBuilder.addSigner(
            to: cms, content: detachedContent, signer: signingKey, certificate: certificates[0],
            chain: Array(certificates.dropFirst()), signingTime: signingTime())
        return try await timestampedCMS(signed)
    }

    private func signingTime() -> Date { Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down)) }

    /// Adds a CAdES signature-time-stamp to this signer's SignerInfo (found by certificate: adding
    /// a signer may reorder the DER SET of SignerInfos).
    private func timestampedCMS(_ cms: [UInt8]) async throws -> [UInt8] {
        guard let timestampClient else { return cms }
        let parsed = try CMSSignedData(derRepresentation: cms)
        guard
            let index = parsed.signers.firstIndex(where: {
                $0.signerCertificate == certificates[0] && $0.signatureTimestampTokens.isEmpty
            })
        else { throw Failure.certificateMismatch }
        let token = try await timestampClient.timestamp(data: parsed.signers[index].signatureValue)
        return try CMSBuilder.addUnsignedAttribute(
            to: cms, signerIndex: index, oid: SignatureTimestamps.cadesAttributeOID, valueDER: token.derRepresentation)
    }
}
