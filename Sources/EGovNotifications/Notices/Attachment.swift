import Foundation

/// A document attached to a notice, referenced by location and pinned by digest.
public struct Attachment: Sendable, Hashable, Codable {
    /// The display file name.
    public var name: String
    /// The media type, e.g. `application/pdf`.
    public var mediaType: String
    /// The SHA-256 digest of the document, 64 lowercase hex digits.
    public var sha256: String
    /// Where the document can be fetched.
    public var location: URL

    /// Creates an attachment reference (validated when the notice is created).
    public init(name: String, mediaType: String, sha256: String, location: URL) {
        self.name = name
        self.mediaType = mediaType
        self.sha256 = sha256
        self.location = location
    }

    /// Whether the fields are well formed: non-empty name and media type (`type/subtype`), and a
    /// 64-digit lowercase hex digest.
    public var isWellFormed: Bool {
        guard !name.isEmpty, name.utf8.count <= 255, mediaType.contains("/"), mediaType.utf8.count <= 255 else {
            return false
        }
        let digits = Array(sha256.utf8)
        return digits.count == 64
            && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
