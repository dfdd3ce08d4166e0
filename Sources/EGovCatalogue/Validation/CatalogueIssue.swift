import EGovCore

/// One problem found by ``CatalogueValidator``: the SDK's one `EGovCore/ValidationIssue` type.
public typealias CatalogueIssue = ValidationIssue
