import EGovCore
import Foundation

/// The registry metadata of an official document (公文): what it is, who sends it to whom, how
/// it is classified and how urgent it is, which thread it belongs to, and the digest of its bytes.
///
/// The seal of an ``OfficialDocument`` is over the canonical JSON of this metadata
/// (``canonicalBytes()``), which includes ``contentDigest``: sealing the metadata seals the
/// document bytes too, and nobody can re-label a sealed document.
///
/// ## JSON shape
///
/// ```json
/// {"type": "egov-official-document", "version": "1", "documentNumber": "DSAJ-OF-2026-0012",
///  "kind": "request-for-comments", "issuingDepartment": "DSAJ", "recipientDepartment": "DSAT",
///  "title": {"zh-Hant": "…", "pt": "…"}, "classification": "limited", "urgency": "urgent",
///  "issuedAt": "2026-01-01T00:00:00.000Z", "replyDeadline": "2026-01-15T00:00:00.000Z",
///  "threadId": "thread-1", "inReplyTo": {"documentNumber": "…", "issuingDepartment": "…", "contentDigest": "sha-256:…"},
///  "contentType": "application/pdf", "contentDigest": "sha-256:…", "contentLength": 1234}
/// ```
///
/// `replyDeadline` and `inReplyTo` are omitted when absent. Departments, thread IDs and content
/// types are opaque references (visible ASCII); document numbers and titles may be any text
/// without control characters, within the limits below.
///
/// `description` omits the title (a confidential document's title can itself be sensitive).
public struct OfficialDocumentMetadata: Sendable, Hashable, CustomStringConvertible {
    /// The payload's `type` member.
    public static let payloadType = "egov-official-document"
    /// Longest accepted document number, in UTF-8 bytes.
    public static let maximumDocumentNumberLength = 128
    /// Longest accepted title in one language, in UTF-8 bytes.
    public static let maximumTitleLength = 2048
    /// Most title languages.
    public static let maximumTitleLanguages = 8
    /// Largest accepted metadata JSON, in bytes.
    public static let maximumJSONLength = 32 * 1024

    /// The issuing department's document number (發文編號).
    public var documentNumber: String
    /// What the document is.
    public var kind: OfficialDocumentKind
    /// The sending department.
    public var issuingDepartment: String
    /// The receiving department.
    public var recipientDepartment: String
    /// The title, in one or more languages.
    public var title: LocalizedText
    /// The classification.
    public var classification: OfficialDocumentClassification
    /// The urgency.
    public var urgency: OfficialDocumentUrgency
    /// When the document was issued (millisecond precision).
    public var issuedAt: Date
    /// The date by which a reply is expected, if any.
    public var replyDeadline: Date?
    /// The thread (case) the document belongs to; a reply has its original's thread.
    public var threadID: String
    /// The document this one replies to, if any.
    public var inReplyTo: DocumentReference?
    /// The media type of the document bytes, e.g. `application/pdf`.
    public var contentType: String
    /// `sha-256:hex` of the document bytes. Set by ``DocumentSender/seal(_:content:)``.
    public var contentDigest: String
    /// The length of the document bytes. Set by ``DocumentSender/seal(_:content:)``.
    public var contentLength: Int

    /// Creates metadata; ``contentDigest`` and ``contentLength`` are filled in when sealing.
    public init(
        documentNumber: String, kind: OfficialDocumentKind, issuingDepartment: String, recipientDepartment: String,
        title: LocalizedText, classification: OfficialDocumentClassification, urgency: OfficialDocumentUrgency,
        issuedAt: Date, replyDeadline: Date? = nil, threadID: String, inReplyTo: DocumentReference? = nil,
        contentType: String, contentDigest: String = "", contentLength: Int = 0
    ) {
        self.documentNumber = documentNumber
        self.kind = kind
        self.issuingDepartment = issuingDepartment
        self.recipientDepartment = recipientDepartment
        self.title = title
        self.classification = classification
        self.urgency = urgency
        self.issuedAt = RFC3339Time.truncate(issuedAt, to: .milliseconds)
        self.replyDeadline = replyDeadline.map { RFC3339Time.truncate($0, to: .milliseconds) }
        self.threadID = threadID
        self.inReplyTo = inReplyTo
        self.contentType = contentType
        self.contentDigest = contentDigest
        self.contentLength = contentLength
    }

    /// A summary without the title.
    public var description: String {
        "OfficialDocumentMetadata(\(documentNumber), \(kind.rawValue), \(issuingDepartment) → \(recipientDepartment), "
            + "\(classification.rawValue), \(urgency.rawValue), thread: \(threadID))"
    }

    /// A reference to this document, for a reply's ``inReplyTo``.
    public var reference: DocumentReference {
        DocumentReference(
            documentNumber: documentNumber, issuingDepartment: issuingDepartment, contentDigest: contentDigest)
    }

    /// Checks every field against the rules and limits above.
    ///
    /// - Throws: ``DocumentExchangeError/invalidMetadata(_:)`` naming the first bad field.
    public func validate() throws(DocumentExchangeError) {
        func text(_ value: String, _ field: String, limit: Int) throws(DocumentExchangeError) {
            guard !value.isEmpty, value.utf8.count <= limit,
                !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw .invalidMetadata(field) }
        }
        func reference(_ value: String, _ field: String) throws(DocumentExchangeError) {
            guard !value.isEmpty, value.utf8.count <= 256, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw .invalidMetadata(field)
            }
        }
        try text(documentNumber, "documentNumber", limit: Self.maximumDocumentNumberLength)
        try reference(issuingDepartment, "issuingDepartment")
        try reference(recipientDepartment, "recipientDepartment")
        guard issuingDepartment != recipientDepartment else { throw .invalidMetadata("recipientDepartment") }
        guard !title.isEmpty, title.languages.count <= Self.maximumTitleLanguages else {
            throw .invalidMetadata("title")
        }
        for language in title.languages {
            try text(title[language] ?? "", "title", limit: Self.maximumTitleLength)
        }
        try reference(threadID, "threadId")
        try reference(contentType, "contentType")
        guard Self.isDigest(contentDigest) else { throw .invalidMetadata("contentDigest") }
        guard contentLength >= 0 else { throw .invalidMetadata("contentLength") }
        if let replyDeadline, replyDeadline < issuedAt { throw .invalidMetadata("replyDeadline") }
        if let inReplyTo {
            try text(inReplyTo.documentNumber, "inReplyTo.documentNumber", limit: Self.maximumDocumentNumberLength)
            try reference(inReplyTo.issuingDepartment, "inReplyTo.issuingDepartment")
            guard Self.isDigest(inReplyTo.contentDigest) else { throw .invalidMetadata("inReplyTo.contentDigest") }
        }
        if kind == .reply, inReplyTo == nil { throw .invalidMetadata("inReplyTo") }
    }

    /// Whether `value` is `sha-256:` followed by 64 lowercase hex digits.
    static func isDigest(_ value: String) -> Bool {
        let prefix = "sha-256:"
        guard value.hasPrefix(prefix) else { return false }
        let hex = value.utf8.dropFirst(prefix.utf8.count)
        return hex.count == 64 && hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The metadata as JSON.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "type": .string(Self.payloadType), "version": .string(InteropVersion.current),
            "documentNumber": .string(documentNumber), "kind": .string(kind.rawValue),
            "issuingDepartment": .string(issuingDepartment), "recipientDepartment": .string(recipientDepartment),
            "title": .object(
                Dictionary(
                    uniqueKeysWithValues: title.languages.map { ($0.rawValue, JSONValue.string(title[$0] ?? "")) })),
            "classification": .string(classification.rawValue), "urgency": .string(urgency.rawValue),
            "issuedAt": .string(RFC3339Time.format(issuedAt, precision: .milliseconds)), "threadId": .string(threadID),
            "contentType": .string(contentType), "contentDigest": .string(contentDigest),
            "contentLength": .number(Double(contentLength)),
        ]
        if let replyDeadline { members["replyDeadline"] = .string(RFC3339Time.format(replyDeadline, precision: .milliseconds)) }
        if let inReplyTo {
            members["inReplyTo"] = .object([
                "documentNumber": .string(inReplyTo.documentNumber),
                "issuingDepartment": .string(inReplyTo.issuingDepartment),
                "contentDigest": .string(inReplyTo.contentDigest),
            ])
        }
        return .object(members)
    }

    /// The RFC 8785 canonical JSON of the metadata: what the seal signs.
    ///
    /// - Throws: ``DocumentExchangeError/invalidMetadata(_:)`` if the metadata does not validate.
    public func canonicalBytes() throws(DocumentExchangeError) -> [UInt8] {
        try validate()
        do {
            return try CanonicalJSON.serialize(jsonValue)
        } catch {
            throw .invalidMetadata("contentLength")
        }
    }

    /// Parses metadata from JSON (e.g. a verified seal payload), strictly: exactly the members of
    /// the documented shape, this format version, valid fields, and bytes that are the canonical
    /// form (one spelling per document).
    ///
    /// - Throws: ``DocumentExchangeError/invalidMetadata(_:)``.
    public init(canonicalJSON bytes: [UInt8]) throws(DocumentExchangeError) {
        guard bytes.count <= Self.maximumJSONLength else { throw .invalidMetadata("size") }
        guard
            let value = try? JSONValue.parse(
                bytes, limits: .init(maximumBytes: Self.maximumJSONLength, maximumDepth: 3)),
            case .object(let members) = value
        else { throw .invalidMetadata("json") }
        let required: Set<String> = [
            "type", "version", "documentNumber", "kind", "issuingDepartment", "recipientDepartment", "title",
            "classification", "urgency", "issuedAt", "threadId", "contentType", "contentDigest", "contentLength",
        ]
        let keys = Set(members.keys)
        guard required.isSubset(of: keys), keys.subtracting(required).isSubset(of: ["replyDeadline", "inReplyTo"])
        else {
            throw .invalidMetadata("members")
        }
        guard members["type"] == .string(Self.payloadType) else { throw .invalidMetadata("type") }
        guard members["version"] == .string(InteropVersion.current) else { throw .invalidMetadata("version") }
        func string(_ name: String) throws(DocumentExchangeError) -> String {
            guard case .string(let text)? = members[name] else { throw .invalidMetadata(name) }
            return text
        }
        func date(_ name: String) throws(DocumentExchangeError) -> Date {
            guard let date = RFC3339Time.parse(try string(name), precision: .milliseconds) else { throw .invalidMetadata(name) }
            return date
        }
        guard let kind = OfficialDocumentKind(rawValue: try string("kind")) else { throw .invalidMetadata("kind") }
        guard let classification = OfficialDocumentClassification(rawValue: try string("classification")) else {
            throw .invalidMetadata("classification")
        }
        guard let urgency = OfficialDocumentUrgency(rawValue: try string("urgency")) else {
            throw .invalidMetadata("urgency")
        }
        guard case .object(let titleMembers)? = members["title"], titleMembers.count <= Self.maximumTitleLanguages
        else { throw .invalidMetadata("title") }
        var titleValues: [LanguageTag: String] = [:]
        for (key, member) in titleMembers {
            guard case .string(let text) = member, let tag = try? LanguageTag(key), tag.rawValue == key,
                titleValues[tag] == nil
            else { throw .invalidMetadata("title") }
            titleValues[tag] = text
        }
        guard case .number(let length)? = members["contentLength"], length >= 0, length <= 9e15,
            length == length.rounded()
        else { throw .invalidMetadata("contentLength") }
        var reference: DocumentReference?
        if let referenceValue = members["inReplyTo"] {
            guard case .object(let fields) = referenceValue,
                Set(fields.keys) == ["documentNumber", "issuingDepartment", "contentDigest"],
                case .string(let number)? = fields["documentNumber"],
                case .string(let issuer)? = fields["issuingDepartment"],
                case .string(let digest)? = fields["contentDigest"]
            else { throw .invalidMetadata("inReplyTo") }
            reference = DocumentReference(documentNumber: number, issuingDepartment: issuer, contentDigest: digest)
        }
        self.init(
            documentNumber: try string("documentNumber"), kind: kind,
            issuingDepartment: try string("issuingDepartment"),
            recipientDepartment: try string("recipientDepartment"), title: LocalizedText(titleValues),
            classification: classification, urgency: urgency, issuedAt: try date("issuedAt"),
            replyDeadline: members["replyDeadline"] == nil ? nil : try date("replyDeadline"),
            threadID: try string("threadId"), inReplyTo: reference, contentType: try string("contentType"),
            contentDigest: try string("contentDigest"), contentLength: Int(length))
        guard try canonicalBytes() == bytes else { throw .invalidMetadata("canonical form") }
    }
}
