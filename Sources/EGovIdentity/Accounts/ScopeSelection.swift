import EGovCore

/// Either every element or an explicit set of them (services, actions).
public enum ScopeSelection<Element: Hashable & Codable & Sendable>: Hashable, Codable, Sendable {
    /// Every element, including ones defined later.
    case all
    /// Only the listed elements.
    case only(Set<Element>)

    /// Whether `element` is selected.
    public func contains(_ element: Element) -> Bool {
        switch self {
        case .all: true
        case .only(let elements): elements.contains(element)
        }
    }
}
