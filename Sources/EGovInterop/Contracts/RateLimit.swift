/// How many requests one consumer may make to one service in a period.
public struct RateLimit: Sendable, Hashable, Codable {
    /// The most requests per period (1 or more).
    public var maximumRequests: Int
    /// The period in seconds (1 or more).
    public var periodSeconds: Int

    /// The largest value either number may take (2^31 − 1): far above any real limit, and exact in
    /// every JSON implementation (JSON numbers above 2^53 lose precision).
    public static let maximumValue = Int(Int32.max)

    /// Creates a limit.
    public init(maximumRequests: Int, periodSeconds: Int) {
        self.maximumRequests = maximumRequests
        self.periodSeconds = periodSeconds
    }
}
