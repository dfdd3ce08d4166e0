import EGovCore

/// The phantom tag of ``ServiceID``.
public enum PublicServiceTag {}
/// The phantom tag of ``OrganisationID``.
public enum PublicOrganisationTag {}
/// The phantom tag of ``EvidenceTypeID``.
public enum EvidenceTypeTag {}
/// The phantom tag of ``EventID``.
public enum ServiceEventTag {}

/// Identifies a ``PublicService`` in a ``Catalogue``, e.g. `iam.food-beverage-licence`.
public typealias ServiceID = TypedIdentifier<PublicServiceTag>
/// Identifies a ``PublicOrganisation`` (a competent department), e.g. `IAM`.
public typealias OrganisationID = TypedIdentifier<PublicOrganisationTag>
/// Identifies an ``EvidenceType``, e.g. `evidence.fire-safety-opinion`.
public typealias EvidenceTypeID = TypedIdentifier<EvidenceTypeTag>
/// Identifies a life or business ``ServiceEvent``, e.g. `event.starting-business`.
public typealias EventID = TypedIdentifier<ServiceEventTag>
