import EGovCore

/// What a service produces (CPSV-AP `Output`), e.g. a licence or a verifiable credential.
public struct ServiceOutput: Sendable, Hashable, Codable {
    /// The output's name in each language.
    public var name: LocalizedText
    /// The SD-JWT VC type (`vct`) when the output is issued as a verifiable credential.
    public var vct: String?

    /// Creates an output.
    public init(name: LocalizedText, vct: String? = nil) {
        self.name = name
        self.vct = vct
    }
}
