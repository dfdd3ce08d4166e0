import EGovCore

/// Official document exchange as audited exchanges: both the sending department and the
/// receiving registry record each delivery with their own ``ExchangeAuditor``, under the same
/// message identifier, so the two logs can be matched (可溯).
extension ExchangeDescription {
    /// The service name recorded for a department's registry, e.g. `DSAT.registry`.
    public static func registryService(of department: String) -> String { department + ".registry" }

    /// The purpose recorded for official document deliveries.
    public static let documentDeliveryPurpose = "official-document-delivery"

    /// Describes the delivery of `document` to its recipient's registry.
    ///
    /// The message identifier is the seal digest's hex (shared by both sides), the request hash
    /// the seal digest, the response hash the digest of the receipt's JWS when there is one, and
    /// the operation `delivery` or `registration`. No title or content is recorded: digests
    /// identify the document (the registry's own register holds its number).
    ///
    /// - Parameters:
    ///   - document: the document delivered.
    ///   - receipt: the receipt returned, if any.
    ///   - operation: `delivery` or `registration`.
    ///   - side: `client` for the sender, `service` for the registry.
    ///   - outcome: how the delivery ended.
    public static func documentDelivery(
        _ document: OfficialDocument, receipt: DocumentReceipt?, operation: DocumentReceipt.ReceiptType = .delivery,
        side: ExchangeSide, outcome: ExchangeOutcome
    ) -> ExchangeDescription {
        let sealDigest = document.sealDigest
        return ExchangeDescription(
            messageID: String(sealDigest.dropFirst("sha-256:".count)), side: side,
            client: document.metadata.issuingDepartment,
            service: registryService(of: document.metadata.recipientDepartment), operation: operation.rawValue,
            purpose: documentDeliveryPurpose, outcome: outcome, requestHash: sealDigest,
            responseHash: receipt.map { OfficialDocument.digest(Array($0.jws.utf8)) })
    }
}
