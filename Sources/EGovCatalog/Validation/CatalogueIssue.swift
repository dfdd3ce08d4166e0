/// One problem found by ``CatalogueValidator``, located by a JSON path into the native form.
public struct CatalogueIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable machine-readable code, e.g. `catalog.validation.missing_language`.
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
