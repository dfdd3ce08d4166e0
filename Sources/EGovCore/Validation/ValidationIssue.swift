/// One problem found when validating a document against its rules (a catalogue, a data service
/// contract, …), located by a JSON path into the document's native form.
///
/// Validators report every issue they find, in document order, rather than stopping at the first.
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable machine-readable code, e.g. `catalog.validation.missing_language` or
    /// `interop.contract.unknown_field`.
    public var code: String
    /// Where the problem is, e.g. `$.services[3].title.pt`.
    public var path: String
    /// A readable explanation, free of personal data.
    public var message: String

    /// Creates an issue.
    public init(code: String, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: code: message`.
    public var description: String { "\(path): \(code): \(message)" }
}
