import EGovCore

/// A law or regulation a service is based on (CPSV-AP `LegalResource`, via `hasLegalResource`).
public struct LegalResource: Sendable, Hashable, Codable {
    /// The title in each language, e.g. `第16/2018號行政法規`.
    public var title: LocalizedText
    /// Where the text is published (e.g. the Boletim Oficial page).
    public var uri: String

    /// Creates a legal resource.
    public init(title: LocalizedText, uri: String) {
        self.title = title
        self.uri = uri
    }
}
