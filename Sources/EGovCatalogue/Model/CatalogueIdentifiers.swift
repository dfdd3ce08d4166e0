import EGovCore
// `ServiceID` and `OrganisationID` are EGovCore's: one identifier type per kind of thing across
// the SDK (a mandate names the same ServiceID the catalogue defines).

/// The phantom tag of ``EvidenceTypeID``.
public enum EvidenceTypeTag {}
/// The phantom tag of ``EventID``.
public enum ServiceEventTag {}

/// Identifies an ``EvidenceType``, e.g. `evidence.fire-safety-opinion`.
public typealias EvidenceTypeID = TypedIdentifier<EvidenceTypeTag>
/// Identifies a life or business ``ServiceEvent``, e.g. `event.starting-business`.
public typealias EventID = TypedIdentifier<ServiceEventTag>

/// The phantom tag of ``RuleID``.
public enum RuleTag {}
/// The phantom tag of ``CriterionID``.
public enum CriterionTag {}

/// Identifies a ``Rule`` within its service, e.g. `rule.licence-conditions`.
public typealias RuleID = TypedIdentifier<RuleTag>
/// Identifies a ``Criterion`` within its service, e.g. `criterion.minimum-floor-area`.
public typealias CriterionID = TypedIdentifier<CriterionTag>
