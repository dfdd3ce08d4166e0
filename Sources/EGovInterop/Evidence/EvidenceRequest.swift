import EGovCore

/// A once-only evidence request (in the manner of the EU Once-Only Technical System): "give me
/// evidence of type X about person Y for procedure Z", instead of asking the citizen for a paper
/// proof.
///
/// Carried as the parameters of an ``InteropRequest``: `evidenceType`, `procedure` and `preview`
/// (the subject is the request's ``InteropRequest/subject``). An evidence service's contract
/// declares these three request fields (see ``EvidenceRequest/requestSchema``).
public struct EvidenceRequest: Sendable, Hashable {
    /// The evidence type, e.g. `company-registration-certificate`.
    public var evidenceType: String
    /// The data subject's opaque reference.
    public var subject: String
    /// The procedure the evidence is for, e.g. a catalogue service ID.
    public var procedure: String
    /// Whether the citizen asked to preview the evidence before it is sent.
    public var previewRequested: Bool

    /// Creates an evidence request.
    public init(evidenceType: String, subject: String, procedure: String, previewRequested: Bool = false) {
        self.evidenceType = evidenceType
        self.subject = subject
        self.procedure = procedure
        self.previewRequested = previewRequested
    }

    /// The request fields an evidence service's contract must declare.
    public static let requestSchema: [FieldDefinition] = [
        FieldDefinition(name: "evidenceType", type: .string, required: true),
        FieldDefinition(name: "procedure", type: .string, required: true),
        FieldDefinition(name: "preview", type: .boolean, required: true),
    ]

    /// The envelope parameters.
    public var parameters: [String: JSONValue] {
        ["evidenceType": .string(evidenceType), "procedure": .string(procedure), "preview": .bool(previewRequested)]
    }

    /// Reads an evidence request from a verified interop request.
    public init(_ request: InteropRequest) throws(InteropError) {
        guard let subject = request.subject else {
            throw InteropError(.malformedRequest, "an evidence request needs a subject")
        }
        guard case .string(let type)? = request.parameters["evidenceType"], !type.isEmpty,
            case .string(let procedure)? = request.parameters["procedure"], !procedure.isEmpty,
            case .bool(let preview)? = request.parameters["preview"]
        else {
            throw InteropError(.malformedRequest, "an evidence request needs evidenceType, procedure and preview")
        }
        self.init(evidenceType: type, subject: subject, procedure: procedure, previewRequested: preview)
    }
}
