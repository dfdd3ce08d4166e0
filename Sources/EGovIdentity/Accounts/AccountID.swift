import EGovCore

/// The phantom tag of AccountID.
public enum AccountIDTag {}

/// The identifier of a personal or organisation account: a validated TypedIdentifier (non-empty, at most 256 bytes, no control characters).
public typealias AccountID = TypedIdentifier<AccountIDTag>
