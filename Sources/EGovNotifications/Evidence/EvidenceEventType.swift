/// Evidence event types, named after ETSI EN 319 522-2 (electronic registered delivery).
///
/// The raw values are URIs formed as `http://uri.etsi.org/19522/Event/<Name>` with the event
/// names of EN 319 522-2; ``deemedService`` is an EGovKit extension (no ETSI counterpart) under
/// `urn:egovkit:evidence:event:`.
public enum EvidenceEventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// The department's submission was accepted (the notice was stored).
    case submissionAcceptance = "http://uri.etsi.org/19522/Event/SubmissionAcceptance"
    /// The content was consigned to (accepted by) a channel's transport.
    case contentConsignment = "http://uri.etsi.org/19522/Event/ContentConsignment"
    /// The content was handed over to the recipient (delivery receipt).
    case contentHandover = "http://uri.etsi.org/19522/Event/ContentHandover"
    /// Handover on a channel failed permanently.
    case contentHandoverFailure = "http://uri.etsi.org/19522/Event/ContentHandoverFailure"
    /// The recipient accepted (opened) the content.
    case acceptanceByRecipient = "http://uri.etsi.org/19522/Event/AcceptanceByRecipient"
    /// The notice was deemed served after the jurisdiction's period without being read (extension).
    case deemedService = "urn:egovkit:evidence:event:DeemedService"

    /// The event's short name, e.g. `SubmissionAcceptance`.
    public var name: String {
        String(rawValue.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "")
    }
}
