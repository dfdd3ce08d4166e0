import EGovCore
// `ServiceID` and `OrganisationID` are EGovIdentity's: one identifier type per kind of thing
// across the SDK (a mandate names the same ServiceID the catalogue defines).
import EGovIdentity

/// The phantom tag of ``EvidenceTypeID``.
public enum EvidenceTypeTag {}
/// The phantom tag of ``EventID``.
public enum ServiceEventTag {}

/// Identifies an ``EvidenceType``, e.g. `evidence.fire-safety-opinion`.
public typealias EvidenceTypeID = TypedIdentifier<EvidenceTypeTag>
/// Identifies a life or business ``ServiceEvent``, e.g. `event.starting-business`.
public typealias EventID = TypedIdentifier<ServiceEventTag>
