/// The e-service maturity stage of a service, from information only to proactive delivery.
///
/// Encodes as its stage number, 1 to 5.
public enum MaturityStage: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Stage 1: information is published online.
    case information = 1
    /// Stage 2: forms can be downloaded.
    case oneWayInteraction = 2
    /// Stage 3: forms can be submitted online, but the process is completed offline.
    case twoWayInteraction = 3
    /// Stage 4: the whole transaction, payment and decision included, is online.
    case transaction = 4
    /// Stage 5: the service is delivered proactively or personalised, without an application.
    case proactive = 5

    /// Orders stages by number.
    public static func < (lhs: MaturityStage, rhs: MaturityStage) -> Bool { lhs.rawValue < rhs.rawValue }
}
