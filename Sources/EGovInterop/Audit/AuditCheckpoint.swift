import EGovCore
import EGovCrypto
import Foundation

/// A signed statement that an audit log had `count` entries ending at `head` at `time`.
///
/// A checkpoint is a compact JWS (``jwsType``) whose payload is the RFC 8785 canonical JSON of
///
/// ```json
/// {"count": 100, "hashAlgorithm": "sha-256", "head": "3f1a…", "issuer": "DSAJ",
///  "keyId": "dsaj-audit-2026", "time": "2026-01-31T09:30:00.250Z",
///  "type": "egov-audit-checkpoint", "version": "1"}
/// ```
///
/// `count` is the last covered sequence number plus one; `head` is the `hash` of the entry with
/// sequence `count - 1` (the genesis hash, all zeros, when `count` is 0). The JWS header carries
/// `alg` (the key's), `typ` and `kid`; verification binds the algorithm to the verifier's key, so
/// the header cannot choose it.
public struct AuditCheckpoint: Sendable, Hashable {
    /// The JWS `typ` of checkpoints.
    public static let jwsType = "egov-audit-checkpoint+jws"
    /// The payload's `type` member.
    public static let payloadType = "egov-audit-checkpoint"
    /// Longest accepted checkpoint JWS, in bytes.
    public static let maximumJWSLength = 16 * 1024

    /// The number of entries covered (last covered sequence number + 1).
    public let count: Int
    /// The hash of the last covered entry (or the genesis hash for an empty log).
    public let head: String
    /// The chain's hash algorithm identifier, e.g. `sha-256`.
    public let hashAlgorithm: String
    /// When the checkpoint was made (millisecond precision).
    public let time: Date
    /// Who keeps the log (the department).
    public let issuer: String
    /// The signing key's (or certificate's) identifier, also the JWS `kid`.
    public let keyID: String
    /// The compact JWS over the canonical payload.
    public let jws: String

    /// The sequence number of the last covered entry, or `nil` for a checkpoint of an empty log.
    public var lastSequence: Int? { count > 0 ? count - 1 : nil }

    /// The signed payload as JSON.
    var payload: JSONValue {
        Self.payload(
            count: count, head: head, hashAlgorithm: hashAlgorithm, time: time, issuer: issuer, keyID: keyID)
    }

    static func payload(
        count: Int, head: String, hashAlgorithm: String, time: Date, issuer: String, keyID: String
    ) -> JSONValue {
        .object([
            "type": .string(payloadType), "version": .string(InteropVersion.current),
            "count": .number(Double(count)), "head": .string(head), "hashAlgorithm": .string(hashAlgorithm),
            "time": .string(RFC3339Time.format(time, precision: .milliseconds)), "issuer": .string(issuer), "keyId": .string(keyID),
        ])
    }

    /// Signs a checkpoint.
    ///
    /// - Throws: ``ExchangeAuditError/checkpointSigningFailed``.
    public static func sign(
        count: Int, head: String, hashAlgorithm: String, time: Date, signer: AuditCheckpointSigner
    ) async throws(ExchangeAuditError) -> AuditCheckpoint {
        let time = RFC3339Time.truncate(time, to: .milliseconds)
        do {
            let bytes = try CanonicalJSON.serialize(
                payload(
                    count: count, head: head, hashAlgorithm: hashAlgorithm, time: time, issuer: signer.issuer,
                    keyID: signer.keyID))
            let header = JWSHeader(
                algorithm: signer.key.algorithm, type: jwsType, keyID: signer.keyID,
                certificateChain: signer.certificateChain?.map(\.derRepresentation))
            let jws = try await JWS.sign(payload: bytes, header: header, key: signer.key)
            return AuditCheckpoint(
                count: count, head: head, hashAlgorithm: hashAlgorithm, time: time, issuer: signer.issuer,
                keyID: signer.keyID, jws: jws)
        } catch {
            throw .checkpointSigningFailed
        }
    }

    /// Verifies a checkpoint JWS with `key` and returns the checkpoint it states.
    ///
    /// Checks the signature (algorithm bound to `key`, `typ` required), that the header's `kid`
    /// equals the payload's `keyId`, and that the payload is exactly the canonical JSON of a
    /// well-formed checkpoint of this format version.
    ///
    /// - Throws: ``AuditCheckpointError``.
    public static func verify(_ jws: String, key: any VerificationKey) throws(AuditCheckpointError) -> AuditCheckpoint {
        try verify(jws) { (jws, policy) throws(JWSError) in try JWS.verify(jws, key: key, policy: policy) }
    }

    /// Verifies a checkpoint JWS with the key of `keySet` that its `kid` names (key rotation),
    /// with the same checks as ``verify(_:key:)``.
    ///
    /// - Throws: ``AuditCheckpointError``; an unknown `kid` is
    ///   ``AuditCheckpointError/signatureInvalid(_:)``.
    public static func verify(_ jws: String, keySet: JWSKeySet) throws(AuditCheckpointError) -> AuditCheckpoint {
        try verify(jws) { (jws, policy) throws(JWSError) in try JWS.verify(jws, keySet: keySet, policy: policy) }
    }

    private static func verify(
        _ jws: String, with check: (String, JWSVerificationPolicy) throws(JWSError) -> VerifiedJWS
    ) throws(AuditCheckpointError) -> AuditCheckpoint {
        let verified: VerifiedJWS
        do throws(JWSError) {
            verified = try check(jws, JWSVerificationPolicy(expectedType: jwsType, maximumLength: maximumJWSLength))
        } catch {
            throw .signatureInvalid(error.code)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(verified.payload, limits: .init(maximumBytes: 4096, maximumDepth: 2))
        } catch {
            throw .malformedPayload("not JSON")
        }
        guard case .object(let members) = value,
            Set(members.keys) == ["type", "version", "count", "head", "hashAlgorithm", "time", "issuer", "keyId"],
            members["type"] == .string(payloadType)
        else { throw .malformedPayload("unexpected members or type") }
        guard members["version"] == .string(InteropVersion.current) else { throw .unsupportedVersion }
        guard case .number(let countValue)? = members["count"], countValue >= 0, countValue <= 9e15,
            countValue == countValue.rounded(), case .string(let head)? = members["head"],
            case .string(let hashAlgorithm)? = members["hashAlgorithm"], case .string(let timeText)? = members["time"],
            let time = RFC3339Time.parse(timeText, precision: .milliseconds), case .string(let issuer)? = members["issuer"],
            case .string(let keyID)? = members["keyId"]
        else { throw .malformedPayload("a member has the wrong type or form") }
        guard verified.header.keyID == keyID else { throw .keyIDMismatch }
        let checkpoint = AuditCheckpoint(
            count: Int(countValue), head: head, hashAlgorithm: hashAlgorithm, time: time, issuer: issuer, keyID: keyID,
            jws: jws)
        // The payload must be exactly the canonical form: one spelling per checkpoint.
        guard (try? CanonicalJSON.serialize(checkpoint.payload)) == verified.payload else {
            throw .malformedPayload("not canonical JSON")
        }
        return checkpoint
    }
}

/// Why a checkpoint did not verify.
public enum AuditCheckpointError: EGovError, Equatable {
    /// The JWS did not verify with the key (the JWS error code is kept).
    case signatureInvalid(String)
    /// The payload is not a well-formed checkpoint.
    case malformedPayload(String)
    /// The payload's format version is not supported.
    case unsupportedVersion
    /// The header's `kid` differs from the payload's `keyId`.
    case keyIDMismatch

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .signatureInvalid: "interop.audit.checkpoint.signature_invalid"
        case .malformedPayload: "interop.audit.checkpoint.malformed"
        case .unsupportedVersion: "interop.audit.checkpoint.unsupported_version"
        case .keyIDMismatch: "interop.audit.checkpoint.kid_mismatch"
        }
    }

    /// A readable explanation.
    public var reason: String {
        switch self {
        case .signatureInvalid(let code): "the checkpoint signature does not verify with the key (\(code))"
        case .malformedPayload(let detail): "the checkpoint payload is malformed: \(detail)"
        case .unsupportedVersion: "the checkpoint format version is not supported"
        case .keyIDMismatch: "the JWS kid does not match the checkpoint's keyId"
        }
    }
}

/// The department's key that signs audit checkpoints, with its identifier.
///
/// `description` never shows key material.
public struct AuditCheckpointSigner: Sendable, CustomStringConvertible {
    /// The signing key.
    public let key: any SigningKey
    /// The key or certificate identifier written as `kid` and `keyId`.
    public let keyID: String
    /// Who keeps the log (the department identifier).
    public let issuer: String
    /// The signing certificate and its chain, written as `x5c` when given.
    public let certificateChain: [Certificate]?

    /// Creates a signer.
    ///
    /// - Throws: ``ExchangeAuditError/invalidConfiguration(_:)`` for an empty or non-ASCII key ID
    ///   or issuer.
    public init(key: any SigningKey, keyID: String, issuer: String, certificateChain: [Certificate]? = nil)
        throws(ExchangeAuditError)
    {
        do {
            try ExchangeDescription.checkReference(keyID, "keyID")
            try ExchangeDescription.checkReference(issuer, "issuer")
        } catch {
            throw .invalidConfiguration("the key ID and issuer must be opaque references")
        }
        self.key = key
        self.keyID = keyID
        self.issuer = issuer
        self.certificateChain = certificateChain
    }

    /// A summary without key material.
    public var description: String { "AuditCheckpointSigner(\(key.algorithm), kid: \(keyID), issuer: \(issuer))" }
}
