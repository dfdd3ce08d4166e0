import EGovCore

/// What a consumer wants to ask, before it becomes a signed ``InteropRequest``.
public struct InteropQuery: Sendable, Hashable {
    /// The service.
    public var service: XRoadServiceID
    /// The officer whose action causes the request (an opaque account reference).
    public var userID: String
    /// The purpose code from the contract.
    public var purpose: String
    /// The legal basis the contract lists for the purpose.
    public var legalBasis: String
    /// The data subject's opaque reference, when the data is about a person.
    public var subject: String?
    /// The party the consumer acts for, if any.
    public var representedParty: String?
    /// The consumer's case reference.
    public var caseReference: String?
    /// The fields wanted (empty: all the purpose allows).
    public var fields: [String]
    /// The request parameters.
    public var parameters: [String: JSONValue]

    /// Creates a query.
    public init(
        service: XRoadServiceID, userID: String, purpose: String, legalBasis: String, subject: String? = nil,
        representedParty: String? = nil, caseReference: String? = nil, fields: [String] = [],
        parameters: [String: JSONValue] = [:]
    ) {
        self.service = service
        self.userID = userID
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.subject = subject
        self.representedParty = representedParty
        self.caseReference = caseReference
        self.fields = fields
        self.parameters = parameters
    }
}
