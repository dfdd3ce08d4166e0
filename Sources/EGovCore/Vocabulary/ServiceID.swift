/// The phantom tag of ServiceID.
public enum ServiceIDTag {}

/// The identifier of a public service (as in the service catalogue): a validated TypedIdentifier (non-empty, at most 256 bytes, no control characters).
public typealias ServiceID = TypedIdentifier<ServiceIDTag>
