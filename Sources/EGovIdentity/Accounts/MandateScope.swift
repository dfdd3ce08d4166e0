import EGovCore

/// What a ``Mandate`` allows: which services and which actions within them.
///
/// An action is in scope only if both its service and the action itself are selected.
public struct MandateScope: Hashable, Codable, Sendable {
    /// The services the mandate covers.
    public var services: ScopeSelection<ServiceID>
    /// The actions the mandate covers.
    public var actions: ScopeSelection<ServiceAction>

    /// Creates a scope.
    public init(services: ScopeSelection<ServiceID> = .all, actions: ScopeSelection<ServiceAction> = .all) {
        self.services = services
        self.actions = actions
    }

    /// Every action in every service.
    public static let everything = MandateScope()

    /// Every action in the listed services.
    public static func services(_ services: Set<ServiceID>) -> MandateScope {
        MandateScope(services: .only(services))
    }

    /// The listed actions in every service.
    public static func actions(_ actions: Set<ServiceAction>) -> MandateScope {
        MandateScope(actions: .only(actions))
    }
}
