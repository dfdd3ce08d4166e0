import EGovCore

/// Something a person can do in an e-government service on behalf of a party.
///
/// An open set: the common actions are predefined, departments may define their own.
public struct ServiceAction: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The action name, lowercase by convention.
    public let rawValue: String

    /// Wraps an action name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps an action name.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Submit an application.
    public static let apply = ServiceAction("apply")
    /// Sign a document or declaration.
    public static let sign = ServiceAction("sign")
    /// Pay a fee.
    public static let pay = ServiceAction("pay")
    /// View records and the status of applications.
    public static let view = ServiceAction("view")

    /// The action name.
    public var description: String { rawValue }
}
