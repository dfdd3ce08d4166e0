/// Why evidence could not be given (stable codes, `evidence.*`).
public enum EvidenceFailure: String, Sendable, Hashable, CaseIterable {
    /// The provider holds no such evidence for the subject.
    case notFound = "evidence.not_found"
    /// The provider does not issue this evidence type.
    case unknownEvidenceType = "evidence.unknown_type"
    /// The subject is not known to the provider.
    case unknownSubject = "evidence.unknown_subject"
    /// The citizen declined the preview.
    case previewDeclined = "evidence.preview_declined"
    /// Any other code the provider sent.
    case other = "evidence.other"
}
