/// How many requests one consumer may make to one service in a period.
public struct RateLimit: Sendable, Hashable, Codable {
    /// The most requests per period (1 or more).
    public var maximumRequests: Int
    /// The period in seconds (1 or more).
    public var periodSeconds: Int

    /// Creates a limit.
    public init(maximumRequests: Int, periodSeconds: Int) {
        self.maximumRequests = maximumRequests
        self.periodSeconds = periodSeconds
    }
}
