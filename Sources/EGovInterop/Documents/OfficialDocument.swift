import EGovCore
import EGovCrypto

/// An official document as exchanged between departments: the document bytes, their metadata,
/// and the issuing department's electronic seal over the metadata (which includes the bytes'
/// digest).
///
/// The seal is a compact JWS made with EGovSignature's `DocumentSigner` (header `x5c`,
/// `x5t#S256`, `sigT`; `typ` ``sealType``) whose payload is
/// ``OfficialDocumentMetadata/canonicalBytes()``. A receiving ``DocumentRegistry`` validates it
/// against its trust list as an advanced or qualified seal.
///
/// `description` shows the number, departments and classification only — never the title or
/// the contents.
public struct OfficialDocument: Sendable, Hashable, CustomStringConvertible {
    /// The JWS `typ` of document seals.
    public static let sealType = "egov-official-document+jws"

    /// The metadata (must equal the sealed metadata).
    public var metadata: OfficialDocumentMetadata
    /// The document bytes (e.g. a PDF).
    public var content: [UInt8]
    /// The compact JWS seal over the canonical metadata.
    public var seal: String

    /// Pairs metadata, bytes and seal (nothing is verified here).
    public init(metadata: OfficialDocumentMetadata, content: [UInt8], seal: String) {
        self.metadata = metadata
        self.content = content
        self.seal = seal
    }

    /// `sha-256:hex` of the seal text: identifies exactly this sealed document in receipts.
    public var sealDigest: String { Self.digest(Array(seal.utf8)) }

    /// `sha-256:hex` of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> String {
        "sha-256:" + Hex.encode(HashAlgorithm.sha256.hash(bytes))
    }

    /// A summary without title or contents.
    public var description: String {
        "OfficialDocument(\(metadata.documentNumber), \(metadata.issuingDepartment) → \(metadata.recipientDepartment), "
            + "\(metadata.kind.rawValue), \(metadata.classification.rawValue), \(metadata.urgency.rawValue), "
            + "\(content.count) bytes)"
    }
}
