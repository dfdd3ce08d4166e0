import EGovCore
import EGovCrypto
import Foundation

/// Verifies interop envelopes (see ``EnvelopeSigner``).
///
/// In order, refusing at the first problem and repairing nothing:
/// 1. size (``maximumBytes``) and compact JWS syntax; `alg: none` and unknown `crit` refused;
/// 2. `typ` is the expected ``EnvelopeType``;
/// 3. `x5c` present with 1 to ``maximumChainLength`` certificates;
/// 4. the algorithm comes from the leaf certificate's key (``EnvelopeAlgorithm``), the header must
///    name the same one, and the signature must verify with the leaf's key;
/// 5. the payload is a strict JSON object (size and depth limits) with an RFC 3339 `issuedAt`;
/// 6. the chain validates against ``trustStore`` **at `issuedAt`** — validity periods, CA rules,
///    the certificate purpose and, per ``revocation``, the CRLs from ``revocationSource``.
///
/// Errors use the request-side codes (`interop.malformed_request`, `interop.signature_invalid`,
/// `interop.certificate_invalid`); ``InteropClient`` re-labels them for responses.
public struct EnvelopeVerifier: Sendable {
    /// The most certificates accepted in `x5c`.
    public static let maximumChainLength = 8

    /// The trust anchors.
    public var trustStore: any TrustStore
    /// The CRLs.
    public var revocationSource: any RevocationSource
    /// Which certificates must be checked against CRLs.
    public var revocation: RevocationCheck
    /// What the signer's certificate must be fit for (by default an organisation seal).
    public var purpose: CertificatePurpose
    /// The chain validator.
    public var validator: CertificateChainValidator
    /// The largest accepted envelope (compact JWS text), in bytes.
    public var maximumBytes: Int

    /// Creates a verifier.
    public init(
        trustStore: any TrustStore, revocationSource: any RevocationSource = StaticRevocationSource(),
        revocation: RevocationCheck = .leafWhenCRLsSupplied, purpose: CertificatePurpose = .seal,
        validator: CertificateChainValidator = CertificateChainValidator(), maximumBytes: Int = 4 << 20
    ) {
        self.trustStore = trustStore
        self.revocationSource = revocationSource
        self.revocation = revocation
        self.purpose = purpose
        self.validator = validator
        self.maximumBytes = maximumBytes
    }

    /// Verifies `compact` as an envelope of `type`.
    public func verify(_ compact: String, type: EnvelopeType) async throws(InteropError) -> VerifiedEnvelope {
        guard compact.utf8.count <= maximumBytes else {
            throw InteropError(.malformedRequest, "the envelope exceeds \(maximumBytes) bytes")
        }
        let parsed: CompactJWS
        do {
            parsed = try CompactJWS(parsing: compact, limit: maximumBytes)
        } catch {
            throw InteropError(.malformedRequest, "the envelope is not a compact JWS: \(error.reason)")
        }
        guard parsed.header.type == type.rawValue else {
            throw InteropError(.signatureInvalid, "the envelope typ is not \(type.rawValue)")
        }
        guard !parsed.isDetached else { throw InteropError(.malformedRequest, "the envelope payload is detached") }
        let resolver = X5CKeyResolver(purpose: purpose, validator: validator, maximumChainLength: Self.maximumChainLength)
        let certificates: [Certificate]
        do {
            certificates = try resolver.certificates(in: parsed.header)
        } catch {
            switch error {
            case .missing, .tooManyCertificates:
                throw InteropError(.signatureInvalid, "x5c must hold 1 to \(Self.maximumChainLength) certificates")
            default: throw InteropError(.signatureInvalid, error.reason)
            }
        }
        let leaf = certificates[0]
        let algorithm = EnvelopeAlgorithm.algorithm(for: leaf.publicKey.keyType)
        let verified: VerifiedJWS
        do {
            let key = try X5CKeyResolver.key(
                of: leaf, for: algorithm, allowedAlgorithms: [algorithm], sm2ID: validator.sm2ID)
            verified = try parsed.verified(
                with: key, policy: JWSVerificationPolicy(expectedType: type.rawValue, maximumLength: maximumBytes))
        } catch let error as JWSError {
            throw InteropError(.signatureInvalid, "the envelope signature is not valid: \(error.reason)")
        } catch {
            throw InteropError(.signatureInvalid, "the certificate key cannot verify \(algorithm.rawValue)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(verified.payload, limits: .init(maximumBytes: maximumBytes, maximumDepth: 32))
        } catch {
            throw InteropError(.malformedRequest, "the envelope payload is not strict JSON: \(error.reason)")
        }
        guard case .object(let members) = value else {
            throw InteropError(.malformedRequest, "the envelope payload is not a JSON object")
        }
        guard case .string(let timeText)? = members["issuedAt"], let issuedAt = RFC3339Time.parse(timeText, precision: .seconds) else {
            throw InteropError(.malformedRequest, "issuedAt is missing or not an RFC 3339 date-time")
        }
        let chain: [Certificate]
        do {
            let crls = try await revocationSource.revocationLists()
            chain = try await resolver.validate(
                certificates, trustStore: trustStore, crls: crls, at: issuedAt, revocation: revocation)
        } catch let error as X5CError {
            switch error {
            case .chainInvalid(let failure):
                throw InteropError(.certificateInvalid, "the signer's certificate chain is not valid: \(failure.code)")
            case .purposeMismatch:
                throw InteropError(
                    .certificateInvalid, "the signer's certificate chain is not valid: x509.chain.purpose_mismatch")
            default:
                throw InteropError(.providerUnavailable, "the trust store or revocation source failed")
            }
        } catch {
            throw InteropError(.providerUnavailable, "the trust store or revocation source failed")
        }
        return VerifiedEnvelope(
            type: type, payload: members, issuedAt: issuedAt, signer: leaf, chain: chain, algorithm: algorithm)
    }
}
