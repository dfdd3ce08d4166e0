import EGovCore

/// The phantom tag of MandateID.
public enum MandateIDTag {}

/// The identifier of a `Mandate`: a validated TypedIdentifier (non-empty, at most 256 bytes, no control characters).
public typealias MandateID = TypedIdentifier<MandateIDTag>
