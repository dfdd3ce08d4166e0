import EGovCore

/// The phantom tag of PersonID.
public enum PersonIDTag {}

/// The opaque internal identifier of a `Person` (not an identity document number): a validated TypedIdentifier (non-empty, at most 256 bytes, no control characters).
public typealias PersonID = TypedIdentifier<PersonIDTag>
