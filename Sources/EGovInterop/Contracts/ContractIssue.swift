import EGovCore

/// One problem found when validating a ``DataServiceContract``: the SDK's one
/// `EGovCore/ValidationIssue` type.
public typealias ContractIssue = ValidationIssue
