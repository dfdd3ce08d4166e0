import EGovCore
import EGovCrypto
import EGovSignature
import Foundation
import Logging

/// A department's official-document registry (收發文登記), in memory: receives sealed documents,
/// validates them, registers them under registry numbers, and issues signed DELIVERY and
/// REGISTRATION receipts. It also records the documents its own department sends, so that
/// replies to them can be threaded.
///
/// ``receive(_:)`` refuses, in this order: documents or seals over the size limits; a seal that
/// is not a valid seal of at least the configured level under the trust list (TOTAL_PASSED
/// required); sealed metadata that differs from the delivered metadata; bytes that do not match
/// the sealed digest and length; a document addressed to another department; an issuer that is
/// not a configured correspondent, or whose seal certificate names another organisation; a reply
/// to an unknown document, or one whose digest, thread or departments do not fit the original;
/// and a different document re-using a delivered document number. Delivering the very same
/// sealed document again returns the first delivery receipt.
///
/// Every delivery, registration and refusal is appended to the optional audit log, with
/// references and digests only.
public actor DocumentRegistry {
    /// The registry's settings.
    public struct Configuration: Sendable {
        /// The department this registry belongs to.
        public var department: String
        /// The prefix of registry numbers, e.g. `DSAT-IN` gives `DSAT-IN-2026-000001`.
        public var registryNumberPrefix: String
        /// Sending department → the organisation name (`O`) in its seal certificate. Documents
        /// from departments not listed are refused.
        public var correspondents: [String: String]
        /// The lowest acceptable seal level (default advanced).
        public var minimumSealLevel: SignatureLevel
        /// The largest accepted document, in bytes (default 32 MiB).
        public var maximumContentBytes: Int
        /// The longest accepted seal, in bytes (default 256 KiB).
        public var maximumSealBytes: Int
        /// The time zone whose calendar year numbers the register (default UTC+8, Macau).
        public var timeZone: TimeZone

        /// Creates settings.
        public init(
            department: String, registryNumberPrefix: String, correspondents: [String: String],
            minimumSealLevel: SignatureLevel = .advanced, maximumContentBytes: Int = 32 << 20,
            maximumSealBytes: Int = 256 << 10, timeZone: TimeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        ) {
            self.department = department
            self.registryNumberPrefix = registryNumberPrefix
            self.correspondents = correspondents
            self.minimumSealLevel = minimumSealLevel
            self.maximumContentBytes = maximumContentBytes
            self.maximumSealBytes = maximumSealBytes
            self.timeZone = timeZone
        }
    }

    /// Whether a registered document came in or went out.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// Received from another department.
        case incoming
        /// Sent by this registry's department.
        case outgoing
    }

    /// A document known to the registry.
    public struct Record: Sendable, Hashable {
        /// The document.
        public let document: OfficialDocument
        /// Incoming or outgoing.
        public let direction: Direction
        /// The delivery receipt issued (incoming documents).
        public var deliveryReceipt: DocumentReceipt?
        /// The registration receipt issued, once registered.
        public var registrationReceipt: DocumentReceipt?
        /// The registry number, once registered.
        public var registryNumber: String?
    }

    private struct Key: Hashable {
        let issuer: String
        let number: String
    }

    /// The settings.
    public nonisolated let configuration: Configuration
    private let signer: DocumentSigner
    private let trustList: TrustList
    private let clock: any WallClock
    private let auditLog: (any AuditLog)?
    private let logger: Logger
    private var records: [Key: Record] = [:]
    private var registeredCount: [Int: Int] = [:]

    /// Creates a registry.
    ///
    /// - Parameters:
    ///   - configuration: the settings.
    ///   - signer: the registry's seal, for receipts.
    ///   - trustList: trust services for validating document seals.
    ///   - clock: the validation and receipt time.
    ///   - auditLog: where deliveries, registrations and refusals are recorded, if anywhere.
    ///   - logger: operational logging (codes and references only).
    public init(
        configuration: Configuration, signer: DocumentSigner, trustList: TrustList, clock: any WallClock,
        auditLog: (any AuditLog)? = nil, logger: Logger = Logger(label: "egovkit.interop.documents")
    ) {
        self.configuration = configuration
        self.signer = signer
        self.trustList = trustList
        self.clock = clock
        self.auditLog = auditLog
        self.logger = logger
    }

    /// Receives a sealed document and returns the signed DELIVERY receipt.
    ///
    /// - Throws: ``DocumentExchangeError`` saying why the document was refused.
    public func receive(_ document: OfficialDocument) async throws(DocumentExchangeError) -> DocumentReceipt {
        do throws(DocumentExchangeError) {
            let receipt = try await accept(document)
            return receipt
        } catch {
            logger.notice(
                "official document refused",
                metadata: ["code": "\(error.code)", "issuer": "\(document.metadata.issuingDepartment)"])
            await audit(
                "document.refused", document: document,
                details: ["code": error.code, "sealDigest": document.sealDigest])
            throw error
        }
    }

    private func accept(_ document: OfficialDocument) async throws(DocumentExchangeError) -> DocumentReceipt {
        guard document.content.count <= configuration.maximumContentBytes else { throw .tooLarge("document") }
        guard document.seal.utf8.count <= configuration.maximumSealBytes else { throw .tooLarge("seal") }
        let now = clock.now()
        let outcome = try SealCheck.validate(
            document.seal, type: OfficialDocument.sealType, trustList: trustList,
            minimumLevel: configuration.minimumSealLevel, at: now,
            failure: { .sealInvalid(indication: $0, subIndication: $1) })
        let sealed = try OfficialDocumentMetadata(canonicalJSON: outcome.payload)
        guard sealed == document.metadata else { throw .metadataMismatch }
        guard sealed.contentLength == document.content.count,
            ConstantTime.equals(Array(sealed.contentDigest.utf8), Array(OfficialDocument.digest(document.content).utf8))
        else { throw .contentDigestMismatch }
        guard sealed.recipientDepartment == configuration.department else { throw .wrongRecipient }
        guard let organization = configuration.correspondents[sealed.issuingDepartment] else { throw .unknownSender }
        guard outcome.organization == organization else { throw .sealerMismatch }
        try checkThread(sealed)
        let key = Key(issuer: sealed.issuingDepartment, number: sealed.documentNumber)
        if let existing = records[key] {
            if existing.document.seal == document.seal, let receipt = existing.deliveryReceipt { return receipt }
            throw .duplicateDocumentNumber
        }
        let receipt = try await issue(.delivery, for: document, registryNumber: nil, at: now)
        // Another delivery may have completed while this one was signing (actor reentrancy).
        if let existing = records[key] {
            if existing.document.seal == document.seal, let first = existing.deliveryReceipt { return first }
            throw .duplicateDocumentNumber
        }
        records[key] = Record(document: document, direction: .incoming, deliveryReceipt: receipt)
        await audit("document.delivered", document: document, details: ["sealDigest": document.sealDigest])
        return receipt
    }

    private func checkThread(_ metadata: OfficialDocumentMetadata) throws(DocumentExchangeError) {
        guard let reference = metadata.inReplyTo else { return }
        guard let original = records[Key(issuer: reference.issuingDepartment, number: reference.documentNumber)]
        else { throw .unknownOriginal }
        let originalMetadata = original.document.metadata
        guard originalMetadata.contentDigest == reference.contentDigest,
            originalMetadata.threadID == metadata.threadID,
            originalMetadata.recipientDepartment == metadata.issuingDepartment,
            originalMetadata.issuingDepartment == metadata.recipientDepartment
        else { throw .threadMismatch }
    }

    /// Registers a delivered document under the next registry number and returns the signed
    /// REGISTRATION receipt. Registering it again returns the same receipt. Numbers are reserved
    /// before signing, so concurrent registrations never share one; a registration that fails (or
    /// loses a race for the same document) leaves a gap in the numbering.
    ///
    /// - Throws: ``DocumentExchangeError/notDelivered`` or ``DocumentExchangeError/signingFailed``.
    public func register(documentNumber: String, from issuingDepartment: String) async throws(DocumentExchangeError)
        -> DocumentReceipt
    {
        let key = Key(issuer: issuingDepartment, number: documentNumber)
        guard var record = records[key], record.direction == .incoming else { throw .notDelivered }
        if let receipt = record.registrationReceipt { return receipt }
        let now = clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let year = calendar.component(.year, from: now)
        // Reserve the number before suspending, so concurrent registrations never share one. A
        // number whose receipt cannot be signed stays unused (a gap, as with a voided entry).
        let sequence = (registeredCount[year] ?? 0) + 1
        registeredCount[year] = sequence
        let digits = String(sequence)
        let number =
            "\(configuration.registryNumberPrefix)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count))
            + digits
        let receipt = try await issue(.registration, for: record.document, registryNumber: number, at: now)
        // Another call may have registered it while this one was signing.
        if let existing = records[key]?.registrationReceipt { return existing }
        record.registrationReceipt = receipt
        record.registryNumber = number
        records[key] = record
        await audit(
            "document.registered", document: record.document,
            details: ["registryNumber": number, "sealDigest": record.document.sealDigest])
        return receipt
    }

    /// Records a document this department sent (after sealing it), so that replies can thread to
    /// it.
    ///
    /// - Throws: ``DocumentExchangeError/invalidMetadata(_:)`` if it was not issued by this
    ///   department or its bytes do not match its digest, or
    ///   ``DocumentExchangeError/duplicateDocumentNumber``.
    public func recordSent(_ document: OfficialDocument) throws(DocumentExchangeError) {
        try document.metadata.validate()
        guard document.metadata.issuingDepartment == configuration.department else {
            throw .invalidMetadata("issuingDepartment")
        }
        guard document.metadata.contentDigest == OfficialDocument.digest(document.content) else {
            throw .contentDigestMismatch
        }
        let key = Key(issuer: document.metadata.issuingDepartment, number: document.metadata.documentNumber)
        if let existing = records[key] {
            guard existing.document.seal == document.seal else { throw .duplicateDocumentNumber }
            return
        }
        records[key] = Record(document: document, direction: .outgoing)
    }

    /// The record of a document, if known.
    public func record(documentNumber: String, from issuingDepartment: String) -> Record? {
        records[Key(issuer: issuingDepartment, number: documentNumber)]
    }

    /// Every known document of a thread, oldest first.
    public func thread(_ threadID: String) -> [Record] {
        records.values.filter { $0.document.metadata.threadID == threadID }
            .sorted { $0.document.metadata.issuedAt < $1.document.metadata.issuedAt }
    }

    private func issue(
        _ type: DocumentReceipt.ReceiptType, for document: OfficialDocument, registryNumber: String?, at time: Date
    ) async throws(DocumentExchangeError) -> DocumentReceipt {
        let body = DocumentReceipt.Body(
            receiptType: type, documentNumber: document.metadata.documentNumber,
            issuingDepartment: document.metadata.issuingDepartment, receiver: configuration.department,
            contentDigest: document.metadata.contentDigest, sealDigest: document.sealDigest,
            registryNumber: registryNumber, time: time)
        let payload = try body.canonicalBytes()
        do {
            return DocumentReceipt(jws: try await signer.jws(payload: payload, type: DocumentReceipt.jwsType))
        } catch {
            throw .signingFailed
        }
    }

    private func audit(_ action: String, document: OfficialDocument, details: [String: String]) async {
        guard let auditLog else { return }
        let event = AuditEvent(
            actor: document.metadata.issuingDepartment, action: action, subject: document.metadata.documentNumber,
            details: details, correlationID: document.metadata.threadID)
        do {
            _ = try await auditLog.append(event)
        } catch {
            logger.error("audit append failed", metadata: ["action": "\(action)"])
        }
    }
}
