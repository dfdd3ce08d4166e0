import EGovCore



/// A public service in the catalogue, modelled on SEMIC CPSV-AP 3.2 `PublicService`.
///
/// Cardinalities (title, description, at least one competent authority, required languages) are
/// checked by ``CatalogueValidator``, not by the initialiser, so that a whole catalogue can be
/// loaded and every problem reported at once.
public struct PublicService: Sendable, Hashable, Codable, Identifiable {
    /// The service's identifier (CPSV-AP `identifier`).
    public var id: ServiceID
    /// The department's own service code, e.g. `IAM-LIC-001`.
    public var code: String
    /// The official name (CPSV-AP `name`).
    public var title: LocalizedText
    /// What the service is for (CPSV-AP `description`).
    public var description: LocalizedText
    /// The competent departments (CPSV-AP `hasCompetentAuthority`); the first is the lead.
    public var competentAuthorities: [OrganisationID]
    /// How the service can be used (CPSV-AP `hasChannel`).
    public var channels: [Channel]
    /// Fees (CPSV-AP `hasCost`).
    public var costs: [Cost]
    /// The processing time limit (CPSV-AP `processingTime`), if any.
    public var timeLimit: ServiceTimeLimit?
    /// The legal basis (CPSV-AP `hasLegalResource`).
    public var legalResources: [LegalResource]
    /// Conditions and the evidence that proves them (CPSV-AP `holdsRequirement`).
    public var requirements: [Requirement]
    /// What the service produces (CPSV-AP `produces`).
    public var outputs: [ServiceOutput]
    /// The life or business events that group the service (CPSV-AP `isGroupedBy`).
    public var events: [EventID]
    /// The minimum level of assurance of the applicant's authentication.
    public var requiredAssurance: AssuranceLevel
    /// The minimum legal grade of the applicant's signature, or `nil` if none is needed.
    public var requiredSignature: SignatureLevel?
    /// The e-service maturity stage.
    public var maturity: MaturityStage
    /// Whether the service is offered (CPSV-AP `status`).
    public var status: ServiceStatus
    /// The version of this description, e.g. `1.2.0`.
    public var version: String
    /// The first day the description applies, `YYYY-MM-DD`.
    public var effectiveFrom: String?
    /// The last day the description applies, `YYYY-MM-DD`, if it is time-limited.
    public var effectiveUntil: String?
    /// Search keywords (CPSV-AP `keyword`).
    public var keywords: Keywords
    /// Links to other services (CPSV-AP `requires` / `related`).
    public var relatedServices: [RelatedService]
    /// The rules under which the service operates (CPSV-AP `follows`).
    public var rules: [Rule]

    /// Creates a public service.
    public init(
        id: ServiceID, code: String, title: LocalizedText, description: LocalizedText,
        competentAuthorities: [OrganisationID], channels: [Channel] = [], costs: [Cost] = [],
        timeLimit: ServiceTimeLimit? = nil, legalResources: [LegalResource] = [], requirements: [Requirement] = [],
        outputs: [ServiceOutput] = [], events: [EventID] = [], requiredAssurance: AssuranceLevel = .low,
        requiredSignature: SignatureLevel? = nil, maturity: MaturityStage = .information,
        status: ServiceStatus = .active, version: String = "1.0.0", effectiveFrom: String? = nil,
        effectiveUntil: String? = nil, keywords: Keywords = Keywords(), relatedServices: [RelatedService] = [],
        rules: [Rule] = []
    ) {
        self.id = id
        self.code = code
        self.title = title
        self.description = description
        self.competentAuthorities = competentAuthorities
        self.channels = channels
        self.costs = costs
        self.timeLimit = timeLimit
        self.legalResources = legalResources
        self.requirements = requirements
        self.outputs = outputs
        self.events = events
        self.requiredAssurance = requiredAssurance
        self.requiredSignature = requiredSignature
        self.maturity = maturity
        self.status = status
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.keywords = keywords
        self.relatedServices = relatedServices
        self.rules = rules
    }

    private enum CodingKeys: String, CodingKey {
        case id, code, title, description, competentAuthorities, channels, costs, timeLimit, legalResources
        case requirements, outputs, events, requiredAssurance, requiredSignature, maturity, status, version
        case effectiveFrom, effectiveUntil, keywords, relatedServices, rules
    }

    /// Decodes a service from its native JSON form; `rules` may be absent (catalogues written
    /// before rules were modelled).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ServiceID.self, forKey: .id)
        code = try container.decode(String.self, forKey: .code)
        title = try container.decode(LocalizedText.self, forKey: .title)
        description = try container.decode(LocalizedText.self, forKey: .description)
        competentAuthorities = try container.decode([OrganisationID].self, forKey: .competentAuthorities)
        channels = try container.decode([Channel].self, forKey: .channels)
        costs = try container.decode([Cost].self, forKey: .costs)
        timeLimit = try container.decodeIfPresent(ServiceTimeLimit.self, forKey: .timeLimit)
        legalResources = try container.decode([LegalResource].self, forKey: .legalResources)
        requirements = try container.decode([Requirement].self, forKey: .requirements)
        outputs = try container.decode([ServiceOutput].self, forKey: .outputs)
        events = try container.decode([EventID].self, forKey: .events)
        requiredAssurance = try container.decode(AssuranceLevel.self, forKey: .requiredAssurance)
        requiredSignature = try container.decodeIfPresent(SignatureLevel.self, forKey: .requiredSignature)
        maturity = try container.decode(MaturityStage.self, forKey: .maturity)
        status = try container.decode(ServiceStatus.self, forKey: .status)
        version = try container.decode(String.self, forKey: .version)
        effectiveFrom = try container.decodeIfPresent(String.self, forKey: .effectiveFrom)
        effectiveUntil = try container.decodeIfPresent(String.self, forKey: .effectiveUntil)
        keywords = try container.decode(Keywords.self, forKey: .keywords)
        relatedServices = try container.decode([RelatedService].self, forKey: .relatedServices)
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
    }

    /// Whether the whole service can be completed online: it has an online or app channel and its
    /// maturity is at least ``MaturityStage/transaction``.
    public var isFullyOnline: Bool {
        maturity >= .transaction && channels.contains { $0.kind == .online || $0.kind == .app }
    }

    /// Every evidence type of every requirement, in order.
    public var evidenceTypes: [EvidenceType] { requirements.flatMap(\.evidenceTypes) }
}
