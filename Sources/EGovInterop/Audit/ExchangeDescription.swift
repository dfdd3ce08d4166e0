import EGovCore
import EGovCrypto

/// Which party of an exchange recorded it: both the client and the service append their own
/// record of every exchange to their own audit log.
public enum ExchangeSide: String, Sendable, Hashable, Codable, CaseIterable {
    /// The department that sent the request.
    case client
    /// The department whose service answered it.
    case service
}

/// How an exchange ended.
public enum ExchangeOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The service answered the request.
    case completed
    /// The request was refused (authorisation, purpose, contract or signature checks).
    case rejected
    /// The exchange failed (transport, time-out, internal error).
    case failed
}

/// What an audit record says about one data exchange between departments — references and
/// digests only, never the personal data that was exchanged.
///
/// Every text field must be an opaque reference: 1 to ``maximumFieldLength`` visible ASCII
/// characters (`!` to `~`, no spaces), which keeps names, addresses and free text out of the log.
/// Request and response digests are `algorithm:hex`, e.g. `sha-256:3f1a…` (see
/// ``ExchangeDescription/digest(of:algorithm:)``).
public struct ExchangeDescription: Sendable, Hashable {
    /// Longest accepted reference, in bytes.
    public static let maximumFieldLength = 256

    /// The exchange's message identifier (shared by both sides, so the two logs can be matched).
    public var messageID: String
    /// Which party is recording.
    public var side: ExchangeSide
    /// The requesting department or system.
    public var client: String
    /// The service that was called.
    public var service: String
    /// The operation of the service, if it has several.
    public var operation: String?
    /// The declared legal purpose (a purpose code or URI).
    public var purpose: String
    /// How the exchange ended.
    public var outcome: ExchangeOutcome
    /// A status code (e.g. HTTP), if any.
    public var statusCode: Int?
    /// The digest of the request as sent (`algorithm:hex`).
    public var requestHash: String
    /// The digest of the response, if there was one (`algorithm:hex`).
    public var responseHash: String?

    /// Creates a description.
    public init(
        messageID: String, side: ExchangeSide, client: String, service: String, operation: String? = nil,
        purpose: String, outcome: ExchangeOutcome, statusCode: Int? = nil, requestHash: String,
        responseHash: String? = nil
    ) {
        self.messageID = messageID
        self.side = side
        self.client = client
        self.service = service
        self.operation = operation
        self.purpose = purpose
        self.outcome = outcome
        self.statusCode = statusCode
        self.requestHash = requestHash
        self.responseHash = responseHash
    }

    /// `algorithm:hex` digest of `bytes`, the form ``requestHash`` and ``responseHash`` take.
    public static func digest(of bytes: [UInt8], algorithm: HashAlgorithm = .sha256) -> String {
        algorithm.identifier + ":" + Hex.encode(algorithm.hash(bytes))
    }

    /// The action of the audit events made from exchanges.
    public static let auditAction = "interop.exchange"

    /// The audit event for this exchange, after checking every field.
    ///
    /// `actor` is the client, `subject` and `correlationId` the message identifier; the rest goes
    /// into `details` (`side`, `service`, `operation`, `purpose`, `outcome`, `status`,
    /// `requestHash`, `responseHash`).
    ///
    /// - Throws: ``ExchangeAuditError/invalidField(_:)`` naming the first field that is not an
    ///   acceptable reference or digest (its value is never echoed).
    public func auditEvent() throws(ExchangeAuditError) -> AuditEvent {
        try Self.checkReference(messageID, "messageID")
        try Self.checkReference(client, "client")
        try Self.checkReference(service, "service")
        try Self.checkReference(purpose, "purpose")
        if let operation { try Self.checkReference(operation, "operation") }
        try Self.checkDigest(requestHash, "requestHash")
        if let responseHash { try Self.checkDigest(responseHash, "responseHash") }
        if let statusCode, !(0...999).contains(statusCode) { throw .invalidField("statusCode") }
        var details: [String: String] = [
            "side": side.rawValue, "service": service, "purpose": purpose, "outcome": outcome.rawValue,
            "requestHash": requestHash,
        ]
        details["operation"] = operation
        details["status"] = statusCode.map(String.init)
        details["responseHash"] = responseHash
        return AuditEvent(
            actor: client, action: Self.auditAction, subject: messageID, details: details, correlationID: messageID)
    }

    static func checkReference(_ value: String, _ field: String) throws(ExchangeAuditError) {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= maximumFieldLength, bytes.allSatisfy({ (0x21...0x7E).contains($0) })
        else { throw .invalidField(field) }
    }

    static func checkDigest(_ value: String, _ field: String) throws(ExchangeAuditError) {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let algorithm = HashAlgorithm(rawValue: String(parts[0])) else {
            throw .invalidField(field)
        }
        let hex = parts[1].utf8
        guard hex.count == algorithm.outputLength * 2,
            hex.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw .invalidField(field) }
    }
}
