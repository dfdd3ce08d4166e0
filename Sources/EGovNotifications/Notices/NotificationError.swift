import EGovCore

/// Why a notification operation was refused.
///
/// Codes are stable (`notifications.*`); reasons describe what was wrong and never echo recipient
/// identifiers, references or message content.
public enum NotificationError: EGovError, Equatable {
    /// The idempotency key is empty, longer than 128 characters, or contains control characters.
    case invalidIdempotencyKey
    /// The reference is empty, too long, or looks like personal data (see ``PersonalDataHeuristic``).
    case referenceLooksLikePersonalData
    /// A required notice field is empty or malformed; carries the field name, never its value.
    case invalidNoticeField(String)
    /// The notice lists no channel, or lists a channel twice.
    case invalidChannels
    /// An attachment is malformed (index in the attachment list).
    case invalidAttachment(index: Int)
    /// The delivery state machine does not allow `event` in state `from`.
    case illegalTransition(from: DeliveryState, event: DeliveryEvent)
    /// No notice with the given identifier is stored.
    case unknownNotice
    /// No delivery with the given identifier is stored.
    case unknownDelivery
    /// A delivery was updated concurrently (its version changed since it was read).
    case conflict
    /// No transport is configured for the delivery's channel.
    case noTransport(NotificationChannel)
    /// Rendering the notice for a channel failed.
    case renderingFailed
    /// The receipt's authentication code is missing or wrong.
    case receiptAuthenticationFailed
    /// The receipt body is not a valid receipt.
    case malformedReceipt
    /// No receipt key is configured for the transport.
    case unknownTransport
    /// An evidence record could not be encoded or signed.
    case evidenceSigningFailed
    /// Exported evidence could not be parsed (line number, 1-based).
    case malformedEvidence(line: Int)
    /// An evidence line (or, for a JSON array, the line of the problem) is not strict JSON:
    /// `error` says what (duplicate member name, invalid UTF-8, lone surrogate, …) and at which
    /// byte offset.
    case invalidEvidenceJSON(line: Int, error: JSONParseError)
    /// An exported evidence record (line number, 1-based) is longer than the limit in bytes.
    case evidenceRecordTooLong(line: Int, limit: Int)
    /// The evidence chain changed while a record was appended; retry.
    case evidenceChainConflict
    /// The durable store failed (database error, unreadable row); carries a `StoreError`
    /// (which never holds stored values).
    case store(StoreError)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidIdempotencyKey: "notifications.notice.invalid_idempotency_key"
        case .referenceLooksLikePersonalData: "notifications.notice.reference_personal_data"
        case .invalidNoticeField: "notifications.notice.invalid_field"
        case .invalidChannels: "notifications.notice.invalid_channels"
        case .invalidAttachment: "notifications.notice.invalid_attachment"
        case .illegalTransition: "notifications.delivery.illegal_transition"
        case .unknownNotice: "notifications.store.unknown_notice"
        case .unknownDelivery: "notifications.store.unknown_delivery"
        case .conflict: "notifications.store.conflict"
        case .noTransport: "notifications.dispatch.no_transport"
        case .renderingFailed: "notifications.dispatch.rendering_failed"
        case .receiptAuthenticationFailed: "notifications.receipts.authentication_failed"
        case .malformedReceipt: "notifications.receipts.malformed"
        case .unknownTransport: "notifications.receipts.unknown_transport"
        case .evidenceSigningFailed: "notifications.evidence.signing_failed"
        case .malformedEvidence: "notifications.evidence.malformed"
        case .invalidEvidenceJSON: "notifications.evidence.invalid_json"
        case .evidenceRecordTooLong: "notifications.evidence.line_too_long"
        case .evidenceChainConflict: "notifications.evidence.chain_conflict"
        case .store: "notifications.store.failure"
        }
    }

    /// A readable explanation, free of personal data.
    public var reason: String {
        switch self {
        case .invalidIdempotencyKey:
            "the idempotency key must be 1 to 128 characters without control characters"
        case .referenceLooksLikePersonalData:
            "the reference is empty, longer than 128 characters, or looks like personal data (a long digit run or an identity number)"
        case .invalidNoticeField(let field): "the notice field '\(field)' is empty or malformed"
        case .invalidChannels: "a notice needs at least one channel and may list each channel once"
        case .invalidAttachment(let index):
            "attachment \(index) has an empty name or media type or a malformed SHA-256 digest"
        case .illegalTransition(let from, let event):
            "event '\(event.rawValue)' is not allowed in delivery state '\(from.rawValue)'"
        case .unknownNotice: "no notice with this identifier is stored"
        case .unknownDelivery: "no delivery with this identifier is stored"
        case .conflict: "the delivery was updated concurrently"
        case .noTransport(let channel): "no transport is configured for channel '\(channel.rawValue)'"
        case .renderingFailed: "the notice could not be rendered"
        case .receiptAuthenticationFailed: "the receipt's authentication code is missing or does not match"
        case .malformedReceipt: "the receipt body is not a valid receipt"
        case .unknownTransport: "no receipt key is configured for this transport"
        case .evidenceSigningFailed: "the evidence record could not be encoded or signed"
        case .malformedEvidence(let line): "evidence line \(line) is not a valid evidence record"
        case .invalidEvidenceJSON(let line, let error): "evidence line \(line) is not strict JSON: \(error.reason)"
        case .evidenceRecordTooLong(let line, let limit): "evidence line \(line) is longer than \(limit) bytes"
        case .evidenceChainConflict: "the evidence chain changed while a record was appended"
        case .store(let error): "the notification store failed: \(error.code): \(error.reason)"
        }
    }
}
