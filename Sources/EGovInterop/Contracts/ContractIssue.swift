/// One problem found by ``DataServiceContract/validate()``: a stable code, the JSON path of the
/// offending member and a readable message.
public struct ContractIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable code, e.g. `interop.contract.unknown_field`.
    public var code: String
    /// A JSON path such as `$.purposes[1].fields[0]`.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates an issue.
    public init(code: String, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(code) at \(path): \(message)" }
}
