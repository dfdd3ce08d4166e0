/// The phantom tag of OrganisationID.
public enum OrganisationIDTag {}

/// The opaque internal identifier of an `Organisation` (not a registration number): a validated TypedIdentifier (non-empty, at most 256 bytes, no control characters).
public typealias OrganisationID = TypedIdentifier<OrganisationIDTag>
