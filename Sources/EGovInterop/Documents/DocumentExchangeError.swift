import EGovCore
import EGovSignature

/// Why an official document or a receipt was refused.
///
/// Reasons name fields and checks, never document contents or titles.
public enum DocumentExchangeError: EGovError, Equatable {
    /// A metadata field is missing, malformed or out of limits (the field is named).
    case invalidMetadata(String)
    /// The document bytes or the seal exceed the configured limits.
    case tooLarge(String)
    /// The seal did not validate (the ETSI indication and sub-indication are kept).
    case sealInvalid(indication: Indication, subIndication: SubIndication?)
    /// The sealed metadata differs from the metadata delivered with it.
    case metadataMismatch
    /// The document bytes do not match the sealed digest or length (the document was altered).
    case contentDigestMismatch
    /// The seal was made by an organisation other than the issuing department's.
    case sealerMismatch
    /// The issuing department is not a known correspondent of this registry.
    case unknownSender
    /// The document is addressed to another department.
    case wrongRecipient
    /// The document replies to a document this registry does not know.
    case unknownOriginal
    /// The reply does not fit its original (digest, thread or departments differ).
    case threadMismatch
    /// A different document with the same number from the same department was already delivered.
    case duplicateDocumentNumber
    /// No delivered document has this number from this department.
    case notDelivered
    /// Sealing or signing failed.
    case signingFailed
    /// A receipt's signature did not validate (the ETSI indication and sub-indication are kept).
    case receiptSignatureInvalid(indication: Indication, subIndication: SubIndication?)
    /// A receipt was signed by an organisation other than the receiving department's registry.
    case receiptSignerMismatch
    /// A receipt's payload is malformed (the member is named).
    case receiptMalformed(String)
    /// A receipt does not match the document it is said to be for (the member is named).
    case receiptMismatch(String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidMetadata: "interop.documents.invalid_metadata"
        case .tooLarge: "interop.documents.too_large"
        case .sealInvalid: "interop.documents.seal_invalid"
        case .metadataMismatch: "interop.documents.metadata_mismatch"
        case .contentDigestMismatch: "interop.documents.content_digest_mismatch"
        case .sealerMismatch: "interop.documents.sealer_mismatch"
        case .unknownSender: "interop.documents.unknown_sender"
        case .wrongRecipient: "interop.documents.wrong_recipient"
        case .unknownOriginal: "interop.documents.unknown_original"
        case .threadMismatch: "interop.documents.thread_mismatch"
        case .duplicateDocumentNumber: "interop.documents.duplicate_document_number"
        case .notDelivered: "interop.documents.not_delivered"
        case .signingFailed: "interop.documents.signing_failed"
        case .receiptSignatureInvalid: "interop.documents.receipt_signature_invalid"
        case .receiptSignerMismatch: "interop.documents.receipt_signer_mismatch"
        case .receiptMalformed: "interop.documents.receipt_malformed"
        case .receiptMismatch: "interop.documents.receipt_mismatch"
        }
    }

    /// A readable explanation.
    public var reason: String {
        switch self {
        case .invalidMetadata(let field): "the metadata field \(field) is missing, malformed or too long"
        case .tooLarge(let what): "the \(what) exceeds the configured limit"
        case .sealInvalid(let indication, let sub):
            "the seal did not validate: \(indication.rawValue)" + (sub.map { "/\($0.rawValue)" } ?? "")
        case .metadataMismatch: "the sealed metadata differs from the delivered metadata"
        case .contentDigestMismatch: "the document bytes do not match the sealed digest"
        case .sealerMismatch: "the seal was not made by the issuing department"
        case .unknownSender: "the issuing department is not a known correspondent"
        case .wrongRecipient: "the document is addressed to another department"
        case .unknownOriginal: "the document replies to a document this registry does not know"
        case .threadMismatch: "the reply does not match its original's digest, thread or departments"
        case .duplicateDocumentNumber: "another document with this number from this department was already delivered"
        case .notDelivered: "no delivered document has this number from this department"
        case .signingFailed: "sealing or signing failed"
        case .receiptSignatureInvalid(let indication, let sub):
            "the receipt signature did not validate: \(indication.rawValue)" + (sub.map { "/\($0.rawValue)" } ?? "")
        case .receiptSignerMismatch: "the receipt was not signed by the recipient department's registry"
        case .receiptMalformed(let member): "the receipt payload is malformed at \(member)"
        case .receiptMismatch(let member): "the receipt's \(member) does not match the document"
        }
    }
}
