import EGovCore

/// The legal kind of an ``Organisation``.
public enum OrganisationKind: String, Hashable, Codable, Sendable, CaseIterable {
    /// A commercial company or other business.
    case company
    /// An association (社團 / associação).
    case association
    /// A public body: a government department, public institute or similar.
    case publicBody
    /// Any other kind.
    case other
}
