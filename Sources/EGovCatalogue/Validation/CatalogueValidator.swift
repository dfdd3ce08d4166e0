
import EGovCore

/// Checks a ``Catalogue`` against the CPSV-AP cardinalities and the EGovKit catalogue rules, and
/// reports every problem found (not just the first), each with a JSON path.
///
/// Rules and codes:
/// - `catalog.validation.required`: a mandatory value (title, description, name, code, version,
///   at least one competent authority; a rule's title and description; a criterion's name) is
///   empty or missing.
/// - `catalog.validation.missing_language`: a required language (``requiredLanguages``) is absent
///   from a title, description or organisation name; the path ends with the tag (`.pt`).
/// - `catalog.validation.duplicate_id`: two organisations, events or services share an identifier,
///   or two rules or two criteria of one service do.
/// - `catalog.validation.unresolved_reference`: a competent authority, event, related service,
///   evidence `obtainableFrom`, per-channel cost, rule `implements` (a legal resource address of
///   the same service) or requirement `fulfils` (a rule of the same service) does not resolve.
/// - `catalog.validation.invalid_duration`: a time limit is not an ISO 8601 duration (`P30D`, `PT2H`).
/// - `catalog.validation.invalid_date`: an effective date is not `YYYY-MM-DD`, or ends before it starts.
/// - `catalog.validation.invalid_cost`: a cost is negative or not finite, or its currency is not
///   three uppercase letters.
/// - `catalog.validation.invalid_url`: a channel or legal resource address is not `http(s)://…`.
/// - `catalog.validation.requires_cycle`: `requires` links between services form a cycle.
/// - `catalog.validation.invalid_identifier`: an organisation, event, service, rule, criterion or
///   evidence type identifier is not IRI-safe (`IRISafety`: ASCII letters, digits and
///   `-._~!$&'()*+,;=:@` only), so the exports could not write it into a node IRI.
/// - `catalog.validation.no_evidence`: a requirement lists no evidence type, so it could never be
///   satisfied (any one of its evidence types suffices).
///
/// A channel, contact page or legal resource address must be an `http(s)://` URL that is also a
/// valid IRI (no whitespace, none of `<>"{}|\^` and the backtick (U+0060), well-formed `%` escapes).
public struct CatalogueValidator: Sendable {
    /// The languages every title, description and organisation name must have.
    public var requiredLanguages: [LanguageTag]

    /// Creates a validator; by default Traditional Chinese, Portuguese and English are required.
    public init(requiredLanguages: [LanguageTag] = [.zhHant, .pt, .en]) {
        self.requiredLanguages = requiredLanguages
    }

    /// Validates a catalogue.
    ///
    /// - Returns: every issue found, in document order within each group (the main rules, then
    ///   identifiers, then cycles); empty if the catalogue is valid.
    public func validate(_ catalogue: Catalogue) -> [CatalogueIssue] {
        var issues: [CatalogueIssue] = []
        func add(_ code: String, _ path: String, _ message: String) {
            issues.append(CatalogueIssue(code: "catalog.validation.\(code)", path: path, message: message))
        }
        func languages(_ text: LocalizedText, _ path: String) {
            if text.isEmpty {
                add("required", path, "a value is required")
                return
            }
            for tag in text.missingLanguages(required: requiredLanguages) {
                add("missing_language", "\(path).\(tag.rawValue)", "the \(tag.rawValue) text is missing")
            }
        }

        let organisationIDs = Set(catalogue.organisations.map(\.id))
        let eventIDs = Set(catalogue.events.map(\.id))
        let serviceIDs = Set(catalogue.services.map(\.id))

        var seenOrganisations: Set<OrganisationID> = []
        for (index, organisation) in catalogue.organisations.enumerated() {
            let path = "$.organisations[\(index)]"
            if !seenOrganisations.insert(organisation.id).inserted {
                add("duplicate_id", "\(path).id", "the organisation identifier is used twice")
            }
            languages(organisation.name, "\(path).name")
            if let url = organisation.contactPoint?.url, !Self.isHTTPURL(url) {
                add("invalid_url", "\(path).contactPoint.url", "the address must be an http(s) URL")
            }
        }
        var seenEvents: Set<EventID> = []
        for (index, event) in catalogue.events.enumerated() {
            let path = "$.events[\(index)]"
            if !seenEvents.insert(event.id).inserted {
                add("duplicate_id", "\(path).id", "the event identifier is used twice")
            }
            languages(event.name, "\(path).name")
        }

        var seenServices: Set<ServiceID> = []
        for (index, service) in catalogue.services.enumerated() {
            let path = "$.services[\(index)]"
            if !seenServices.insert(service.id).inserted {
                add("duplicate_id", "\(path).id", "the service identifier is used twice")
            }
            if service.code.allSatisfy(\.isWhitespace) { add("required", "\(path).code", "a code is required") }
            if service.version.allSatisfy(\.isWhitespace) {
                add("required", "\(path).version", "a version is required")
            }
            languages(service.title, "\(path).title")
            languages(service.description, "\(path).description")
            if service.competentAuthorities.isEmpty {
                add("required", "\(path).competentAuthorities", "at least one competent authority is required")
            }
            for (position, authority) in service.competentAuthorities.enumerated()
            where !organisationIDs.contains(authority) {
                add(
                    "unresolved_reference", "\(path).competentAuthorities[\(position)]",
                    "the competent authority is not an organisation of the catalogue")
            }
            for (position, event) in service.events.enumerated() where !eventIDs.contains(event) {
                add("unresolved_reference", "\(path).events[\(position)]", "the event is not in the catalogue")
            }
            for (position, link) in service.relatedServices.enumerated() where !serviceIDs.contains(link.service) {
                add(
                    "unresolved_reference", "\(path).relatedServices[\(position)].service",
                    "the related service is not in the catalogue")
            }
            let ruleIDs = Set(service.rules.map(\.id))
            let legalURIs = Set(service.legalResources.map(\.uri))
            var seenRules: Set<RuleID> = []
            for (position, rule) in service.rules.enumerated() {
                let rulePath = "\(path).rules[\(position)]"
                if !seenRules.insert(rule.id).inserted {
                    add("duplicate_id", "\(rulePath).id", "the rule identifier is used twice in the service")
                }
                languages(rule.title, "\(rulePath).title")
                languages(rule.description, "\(rulePath).description")
                for (index, uri) in rule.implements.enumerated() where !legalURIs.contains(uri) {
                    add(
                        "unresolved_reference", "\(rulePath).implements[\(index)]",
                        "the rule implements a legal resource the service does not list")
                }
            }
            var seenCriteria: Set<CriterionID> = []
            for (position, requirement) in service.requirements.enumerated() {
                let requirementPath = "\(path).requirements[\(position)]"
                languages(requirement.name, "\(requirementPath).name")
                if requirement.evidenceTypes.isEmpty {
                    add(
                        "no_evidence", "\(requirementPath).evidenceTypes",
                        "a requirement needs at least one evidence type; any one of them satisfies it")
                }
                for (index, criterion) in requirement.criteria.enumerated() {
                    let criterionPath = "\(requirementPath).criteria[\(index)]"
                    if !seenCriteria.insert(criterion.id).inserted {
                        add("duplicate_id", "\(criterionPath).id", "the criterion identifier is used twice in the service")
                    }
                    languages(criterion.name, "\(criterionPath).name")
                    if !criterion.description.isEmpty { languages(criterion.description, "\(criterionPath).description") }
                }
                for (index, rule) in requirement.fulfils.enumerated() where !ruleIDs.contains(rule) {
                    add(
                        "unresolved_reference", "\(requirementPath).fulfils[\(index)]",
                        "the requirement fulfils a rule the service does not follow")
                }
                for (evidenceIndex, evidence) in requirement.evidenceTypes.enumerated() {
                    if let source = evidence.obtainableFrom, !organisationIDs.contains(source) {
                        add(
                            "unresolved_reference",
                            "\(requirementPath).evidenceTypes[\(evidenceIndex)].obtainableFrom",
                            "the evidence source is not an organisation of the catalogue")
                    }
                }
            }
            let channelKinds = Set(service.channels.map(\.kind))
            for (position, channel) in service.channels.enumerated() {
                if let url = channel.url, !Self.isHTTPURL(url) {
                    add("invalid_url", "\(path).channels[\(position)].url", "the address must be an http(s) URL")
                }
            }
            for (position, cost) in service.costs.enumerated() {
                let costPath = "\(path).costs[\(position)]"
                if !cost.value.isFinite || cost.value < 0 {
                    add("invalid_cost", "\(costPath).value", "the amount must be a non-negative number")
                }
                if !Self.isCurrencyCode(cost.currency) {
                    add("invalid_cost", "\(costPath).currency", "the currency must be an ISO 4217 code")
                }
                if let channel = cost.channel, !channelKinds.contains(channel) {
                    add("unresolved_reference", "\(costPath).channel", "the service has no channel of this kind")
                }
            }
            if let limit = service.timeLimit, !Self.isISO8601Duration(limit.duration) {
                add("invalid_duration", "\(path).timeLimit.duration", "the time limit is not an ISO 8601 duration")
            }
            for (position, legal) in service.legalResources.enumerated() {
                languages(legal.title, "\(path).legalResources[\(position)].title")
                if !Self.isHTTPURL(legal.uri) {
                    add("invalid_url", "\(path).legalResources[\(position)].uri", "the address must be an http(s) URL")
                }
            }
            let from = service.effectiveFrom.map { ($0, Self.isDate($0)) }
            let until = service.effectiveUntil.map { ($0, Self.isDate($0)) }
            if let from, !from.1 { add("invalid_date", "\(path).effectiveFrom", "the date is not YYYY-MM-DD") }
            if let until, !until.1 { add("invalid_date", "\(path).effectiveUntil", "the date is not YYYY-MM-DD") }
            if let from, let until, from.1, until.1, until.0 < from.0 {
                add("invalid_date", "\(path).effectiveUntil", "the end date is before the start date")
            }
        }
        issues.append(contentsOf: Self.iriIssues(catalogue, forExport: false))
        issues.append(contentsOf: cycleIssues(catalogue))
        return issues
    }

    /// Reports each `requires` link that closes a cycle.
    private func cycleIssues(_ catalogue: Catalogue) -> [CatalogueIssue] {
        var indexByID: [ServiceID: Int] = [:]
        for (index, service) in catalogue.services.enumerated() where indexByID[service.id] == nil {
            indexByID[service.id] = index
        }
        // 0 unvisited, 1 on the stack, 2 done.
        var state = [Int](repeating: 0, count: catalogue.services.count)
        var issues: [CatalogueIssue] = []
        for start in catalogue.services.indices where state[start] == 0 {
            // Iterative depth-first search: (service index, next link position).
            var stack: [(Int, Int)] = [(start, 0)]
            state[start] = 1
            while let (node, position) = stack.last {
                let links = catalogue.services[node].relatedServices
                if position >= links.count {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1 = position + 1
                let link = links[position]
                guard link.relation == .requires, let target = indexByID[link.service] else { continue }
                if state[target] == 1 {
                    issues.append(
                        CatalogueIssue(
                            code: "catalog.validation.requires_cycle",
                            path: "$.services[\(node)].relatedServices[\(position)]",
                            message: "this requires link closes a cycle of required services"))
                } else if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, 0))
                }
            }
        }
        return issues
    }

    /// Whether `text` is an ISO 8601 duration with integer components, such as `P30D`, `P1Y2M`,
    /// `P2W` or `PT1H30M`.
    public static func isISO8601Duration(_ text: String) -> Bool {
        var scalars = Array(text.utf8)[...]
        guard scalars.first == UInt8(ascii: "P") else { return false }
        scalars = scalars.dropFirst()
        let dateUnits: [UInt8] = Array("YMWD".utf8)
        let timeUnits: [UInt8] = Array("HMS".utf8)
        var inTime = false
        var components = 0
        var timeComponents = 0
        var lastUnit = -1
        var digits = 0
        for byte in scalars {
            if (0x30...0x39).contains(byte) {
                digits += 1
                continue
            }
            if byte == UInt8(ascii: "T") {
                guard !inTime, digits == 0 else { return false }
                inTime = true
                lastUnit = -1
                continue
            }
            let units = inTime ? timeUnits : dateUnits
            guard digits > 0, let unit = units.firstIndex(of: byte), unit > lastUnit else { return false }
            lastUnit = unit
            digits = 0
            components += 1
            if inTime { timeComponents += 1 }
        }
        return digits == 0 && components > 0 && (!inTime || timeComponents > 0)
    }

    /// Whether `text` is a calendar date `YYYY-MM-DD` with a month 01–12 and a day 01–31.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        for index in [0, 1, 2, 3, 5, 6, 8, 9] where !(0x30...0x39).contains(bytes[index]) { return false }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        return (1...12).contains(number(5..<7)) && (1...31).contains(number(8..<10))
    }

    static func isHTTPURL(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && IRISafety.isIRIReference(text)
            && text.count > 8
    }

    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (0x41...0x5A).contains($0) }
    }
}
