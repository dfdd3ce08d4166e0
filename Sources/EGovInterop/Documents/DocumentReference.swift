/// A reference to an earlier official document, by its number, issuer and content digest.
public struct DocumentReference: Sendable, Hashable, Codable {
    /// The referenced document's number.
    public var documentNumber: String
    /// The department that issued it.
    public var issuingDepartment: String
    /// Its content digest (`sha-256:hex`), as in its metadata.
    public var contentDigest: String

    /// Creates a reference.
    public init(documentNumber: String, issuingDepartment: String, contentDigest: String) {
        self.documentNumber = documentNumber
        self.issuingDepartment = issuingDepartment
        self.contentDigest = contentDigest
    }
}
