import EGovCore
import EGovCrypto
import EGovSignature
import Foundation

/// The sending side of official document exchange: seals documents with the department's seal
/// and verifies the receipts that the recipient's registry returns.
///
/// A receipt is accepted only if it validates against the trust list as a seal of at least
/// `minimumReceiptLevel`, was sealed by the organisation configured for the recipient
/// department, and names exactly the document sent (number, issuer, recipient, content digest
/// and seal digest).
public struct DocumentSender: Sendable {
    /// The sending department.
    public let department: String
    private let signer: DocumentSigner
    private let trustList: TrustList
    private let registries: [String: String]
    private let minimumReceiptLevel: SignatureLevel
    private let clock: any WallClock

    /// Creates a sender.
    ///
    /// - Parameters:
    ///   - department: the sending department's identifier (the documents' issuer).
    ///   - signer: the department's seal (an organisation certificate from a seal service).
    ///   - trustList: trust services for validating receipts.
    ///   - registries: recipient department → the organisation name (`O`) in its registry's seal
    ///     certificate. Receipts from departments not listed are refused.
    ///   - minimumReceiptLevel: the lowest acceptable receipt seal level.
    ///   - clock: the validation and sealing time.
    public init(
        department: String, signer: DocumentSigner, trustList: TrustList, registries: [String: String],
        minimumReceiptLevel: SignatureLevel = .advanced, clock: any WallClock
    ) {
        self.department = department
        self.signer = signer
        self.trustList = trustList
        self.registries = registries
        self.minimumReceiptLevel = minimumReceiptLevel
        self.clock = clock
    }

    /// Seals a document: fills in the content digest and length, checks the metadata, and seals
    /// its canonical JSON.
    ///
    /// - Throws: ``DocumentExchangeError/invalidMetadata(_:)`` (e.g. an issuer other than this
    ///   department) or ``DocumentExchangeError/signingFailed``.
    public func seal(_ metadata: OfficialDocumentMetadata, content: [UInt8]) async throws(DocumentExchangeError)
        -> OfficialDocument
    {
        var metadata = metadata
        guard metadata.issuingDepartment == department else { throw .invalidMetadata("issuingDepartment") }
        metadata.contentDigest = OfficialDocument.digest(content)
        metadata.contentLength = content.count
        let payload = try metadata.canonicalBytes()
        do {
            let seal = try await signer.jws(payload: payload, type: OfficialDocument.sealType)
            return OfficialDocument(metadata: metadata, content: content, seal: seal)
        } catch {
            throw .signingFailed
        }
    }

    /// Verifies a receipt for `document` and returns its verified content.
    ///
    /// - Parameters:
    ///   - receipt: the receipt returned by the recipient's registry.
    ///   - document: the document as sent.
    ///   - type: the receipt type expected.
    /// - Throws: ``DocumentExchangeError/receiptSignatureInvalid(indication:subIndication:)``,
    ///   ``DocumentExchangeError/receiptSignerMismatch``,
    ///   ``DocumentExchangeError/receiptMalformed(_:)`` or
    ///   ``DocumentExchangeError/receiptMismatch(_:)``.
    public func verifyReceipt(
        _ receipt: DocumentReceipt, for document: OfficialDocument, type: DocumentReceipt.ReceiptType
    ) throws(DocumentExchangeError) -> DocumentReceipt.Body {
        guard receipt.jws.utf8.count <= DocumentReceipt.maximumLength else { throw .tooLarge("receipt") }
        let outcome = try SealCheck.validate(
            receipt.jws, type: DocumentReceipt.jwsType, trustList: trustList, minimumLevel: minimumReceiptLevel,
            at: clock.now(), failure: { .receiptSignatureInvalid(indication: $0, subIndication: $1) })
        let recipient = document.metadata.recipientDepartment
        guard let expected = registries[recipient], let organization = outcome.organization,
            organization == expected
        else { throw .receiptSignerMismatch }
        let body = try DocumentReceipt.Body(canonicalJSON: outcome.payload)
        guard body.receiptType == type else { throw .receiptMismatch("receiptType") }
        guard body.documentNumber == document.metadata.documentNumber else { throw .receiptMismatch("documentNumber") }
        guard body.issuingDepartment == document.metadata.issuingDepartment else {
            throw .receiptMismatch("issuingDepartment")
        }
        guard body.receiver == recipient else { throw .receiptMismatch("receiver") }
        guard body.contentDigest == OfficialDocument.digest(document.content) else {
            throw .receiptMismatch("contentDigest")
        }
        guard body.sealDigest == document.sealDigest else { throw .receiptMismatch("sealDigest") }
        return body
    }
}
