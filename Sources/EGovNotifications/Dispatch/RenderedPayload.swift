import EGovCore
import EGovCrypto

/// A notice rendered for one channel (a placeholder for the templates module's output).
public struct RenderedPayload: Sendable, Hashable, Codable {
    /// The subject line (empty for channels without one).
    public var subject: String
    /// The body text.
    public var body: String

    /// Creates a payload.
    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// The SHA-256 (hex) of the payload's canonical JSON: the content digest used in evidence.
    public var sha256: String {
        let bytes = (try? CanonicalJSON.data(for: self)) ?? Array((subject + "\u{0}" + body).utf8)
        return Hex.encode(HashAlgorithm.sha256.hash(bytes))
    }
}
