/// Something that happened and must be recorded: who did what to which subject.
///
/// Fields hold opaque references, not personal data: `actor` is e.g. an account or service
/// identifier, `subject` an application or consent reference. `details` may nonetheless carry
/// sensitive context, so ``description``, ``debugDescription`` and the mirror never show its
/// values, only how many keys it has.
///
/// JSON shape (keys are fixed; absent optionals are omitted):
/// `{"actor": "…", "action": "consent.granted", "subject": "…", "details": {"k": "v"}, "correlationId": "…"}`
public struct AuditEvent: Hashable, Sendable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible,
    CustomReflectable
{
    /// Who performed the action (an opaque reference such as an account or service identifier).
    public var actor: String
    /// What was done, as a dotted verb, e.g. `consent.granted`.
    public var action: String
    /// What or whom the action concerned (an opaque reference, not personal data).
    public var subject: String
    /// Optional extra context. Never printed by ``description``.
    public var details: [String: String]?
    /// An optional identifier linking related events across systems.
    public var correlationID: String?

    /// Creates an event.
    public init(
        actor: String, action: String, subject: String, details: [String: String]? = nil,
        correlationID: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.correlationID = correlationID
    }

    private enum CodingKeys: String, CodingKey {
        case actor, action, subject, details
        case correlationID = "correlationId"
    }

    /// A summary that omits the values of ``details``.
    public var description: String {
        var text = "AuditEvent(action: \(action), actor: \(actor), subject: \(subject)"
        if let details { text += ", details: \(details.count) redacted" }
        if let correlationID { text += ", correlationId: \(correlationID)" }
        return text + ")"
    }

    /// The same redacted summary as ``description``.
    public var debugDescription: String { description }

    /// A mirror that omits the values of ``details``.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "actor": actor, "action": action, "subject": subject,
                "details": details.map { "\($0.count) redacted" } ?? "nil",
                "correlationID": correlationID ?? "nil",
            ])
    }

    /// The event as a JSON object, as hashed into the audit chain.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "actor": .string(actor), "action": .string(action), "subject": .string(subject),
        ]
        if let details { members["details"] = .object(details.mapValues { .string($0) }) }
        if let correlationID { members["correlationId"] = .string(correlationID) }
        return .object(members)
    }
}
