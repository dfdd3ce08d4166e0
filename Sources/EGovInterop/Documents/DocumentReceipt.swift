import EGovCore
import Foundation

/// A signed receipt from a receiving department's registry: DELIVERY (the sealed document
/// arrived and its seal validated) or REGISTRATION (it was entered in the register under a
/// registry number, 收文編號).
///
/// The receipt is a compact JWS made with the registry's `DocumentSigner` (`typ`
/// ``jwsType``) over the canonical JSON of ``Body``:
///
/// ```json
/// {"type": "egov-document-receipt", "version": "1", "receiptType": "registration",
///  "documentNumber": "DSAJ-OF-2026-0012", "issuingDepartment": "DSAJ", "receiver": "DSAT",
///  "contentDigest": "sha-256:…", "sealDigest": "sha-256:…", "registryNumber": "DSAT-IN-2026-000001",
///  "time": "2026-01-01T00:00:05.000Z"}
/// ```
///
/// `registryNumber` is present in registration receipts only. Verify receipts with
/// ``DocumentSender/verifyReceipt(_:for:type:)``; read `body` only after that.
public struct DocumentReceipt: Sendable, Hashable {
    /// The JWS `typ` of receipts.
    public static let jwsType = "egov-document-receipt+jws"
    /// The payload's `type` member.
    public static let payloadType = "egov-document-receipt"
    /// Longest accepted receipt, in bytes.
    public static let maximumLength = 64 * 1024

    /// Which event a receipt attests.
    public enum ReceiptType: String, Sendable, Hashable, Codable, CaseIterable {
        /// The document was delivered to the registry and its seal validated.
        case delivery
        /// The document was registered under a registry number.
        case registration
    }

    /// The signed content of a receipt.
    public struct Body: Sendable, Hashable {
        /// Delivery or registration.
        public var receiptType: ReceiptType
        /// The document's number.
        public var documentNumber: String
        /// The department that issued the document.
        public var issuingDepartment: String
        /// The receiving department (whose registry signs).
        public var receiver: String
        /// The document bytes' digest (`sha-256:hex`).
        public var contentDigest: String
        /// The seal's digest (`sha-256:hex`), binding the metadata as sealed.
        public var sealDigest: String
        /// The registry number assigned (registration receipts only).
        public var registryNumber: String?
        /// When the event happened (millisecond precision).
        public var time: Date

        /// Creates a body.
        public init(
            receiptType: ReceiptType, documentNumber: String, issuingDepartment: String, receiver: String,
            contentDigest: String, sealDigest: String, registryNumber: String?, time: Date
        ) {
            self.receiptType = receiptType
            self.documentNumber = documentNumber
            self.issuingDepartment = issuingDepartment
            self.receiver = receiver
            self.contentDigest = contentDigest
            self.sealDigest = sealDigest
            self.registryNumber = registryNumber
            self.time = RFC3339Time.truncate(time, to: .milliseconds)
        }

        /// The canonical JSON that is signed.
        func canonicalBytes() throws(DocumentExchangeError) -> [UInt8] {
            var members: [String: JSONValue] = [
                "type": .string(DocumentReceipt.payloadType), "version": .string(InteropVersion.current),
                "receiptType": .string(receiptType.rawValue), "documentNumber": .string(documentNumber),
                "issuingDepartment": .string(issuingDepartment), "receiver": .string(receiver),
                "contentDigest": .string(contentDigest), "sealDigest": .string(sealDigest),
                "time": .string(RFC3339Time.format(time, precision: .milliseconds)),
            ]
            members["registryNumber"] = registryNumber.map { .string($0) }
            do {
                return try CanonicalJSON.serialize(.object(members))
            } catch {
                throw .signingFailed
            }
        }

        /// Parses a verified payload strictly (exact members, canonical form).
        ///
        /// Public only under `@_spi(Fuzzing)` for the fuzz targets; applications read receipts
        /// through ``DocumentSender/verifyReceipt(_:for:type:)``.
        @_spi(Fuzzing) public init(canonicalJSON bytes: [UInt8]) throws(DocumentExchangeError) {
            guard let value = try? JSONValue.parse(bytes, limits: .init(maximumBytes: 8192, maximumDepth: 2)),
                case .object(let members) = value
            else { throw .receiptMalformed("json") }
            var expected: Set<String> = [
                "type", "version", "receiptType", "documentNumber", "issuingDepartment", "receiver", "contentDigest",
                "sealDigest", "time",
            ]
            if members["registryNumber"] != nil { expected.insert("registryNumber") }
            guard Set(members.keys) == expected else { throw .receiptMalformed("members") }
            guard members["type"] == .string(DocumentReceipt.payloadType) else { throw .receiptMalformed("type") }
            guard members["version"] == .string(InteropVersion.current) else { throw .receiptMalformed("version") }
            func string(_ name: String) throws(DocumentExchangeError) -> String {
                guard case .string(let text)? = members[name], !text.isEmpty else { throw .receiptMalformed(name) }
                return text
            }
            guard let type = ReceiptType(rawValue: try string("receiptType")) else {
                throw .receiptMalformed("receiptType")
            }
            guard let time = RFC3339Time.parse(try string("time"), precision: .milliseconds) else { throw .receiptMalformed("time") }
            let registryNumber = members["registryNumber"] == nil ? nil : try string("registryNumber")
            guard (type == .registration) == (registryNumber != nil) else { throw .receiptMalformed("registryNumber") }
            self.init(
                receiptType: type, documentNumber: try string("documentNumber"),
                issuingDepartment: try string("issuingDepartment"), receiver: try string("receiver"),
                contentDigest: try string("contentDigest"), sealDigest: try string("sealDigest"),
                registryNumber: registryNumber, time: time)
            guard try canonicalBytes() == bytes else { throw .receiptMalformed("canonical form") }
        }
    }

    /// The compact JWS.
    public let jws: String

    /// Wraps a received receipt (not verified).
    public init(jws: String) {
        self.jws = jws
    }
}
