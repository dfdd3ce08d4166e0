import EGovCore

extension CatalogueValidator {
    /// The identifiers of `catalogue` that are not IRI-safe (``IRISafety``), as
    /// `catalog.validation.invalid_identifier` issues with their JSON paths.
    ///
    /// With `forExport`, also every other value the exports write into an IRI: references to
    /// organisations, events, services and rules (`invalid_identifier`), currency codes
    /// (`invalid_cost`) and contact page, legal resource and `implements` addresses (`invalid_url`).
    /// The validator checks those through its reference, cost and URL rules instead.
    static func iriIssues(_ catalogue: Catalogue, forExport: Bool) -> [CatalogueIssue] {
        var issues: [CatalogueIssue] = []
        func identifier(_ raw: String, _ path: String) {
            guard !IRISafety.isSafeIdentifier(raw) else { return }
            issues.append(
                CatalogueIssue(
                    code: "catalog.validation.invalid_identifier", path: path,
                    message: "an identifier may use only ASCII letters, digits and \(IRISafety.identifierPunctuation)"))
        }
        func reference(_ raw: String, _ path: String) {
            if forExport { identifier(raw, path) }
        }
        func address(_ text: String, _ path: String) {
            guard forExport, !IRISafety.isIRIReference(text) else { return }
            issues.append(
                CatalogueIssue(code: "catalog.validation.invalid_url", path: path, message: "the address is not an IRI"))
        }
        for (index, organisation) in catalogue.organisations.enumerated() {
            identifier(organisation.id.rawValue, "$.organisations[\(index)].id")
            if let url = organisation.contactPoint?.url { address(url, "$.organisations[\(index)].contactPoint.url") }
        }
        for (index, event) in catalogue.events.enumerated() {
            identifier(event.id.rawValue, "$.events[\(index)].id")
        }
        for (index, service) in catalogue.services.enumerated() {
            let path = "$.services[\(index)]"
            identifier(service.id.rawValue, "\(path).id")
            for (position, authority) in service.competentAuthorities.enumerated() {
                reference(authority.rawValue, "\(path).competentAuthorities[\(position)]")
            }
            for (position, event) in service.events.enumerated() {
                reference(event.rawValue, "\(path).events[\(position)]")
            }
            for (position, link) in service.relatedServices.enumerated() {
                reference(link.service.rawValue, "\(path).relatedServices[\(position)].service")
            }
            for (position, legal) in service.legalResources.enumerated() {
                address(legal.uri, "\(path).legalResources[\(position)].uri")
            }
            for (position, rule) in service.rules.enumerated() {
                identifier(rule.id.rawValue, "\(path).rules[\(position)].id")
                for (item, uri) in rule.implements.enumerated() {
                    address(uri, "\(path).rules[\(position)].implements[\(item)]")
                }
            }
            for (position, requirement) in service.requirements.enumerated() {
                let requirementPath = "\(path).requirements[\(position)]"
                for (item, evidence) in requirement.evidenceTypes.enumerated() {
                    identifier(evidence.id.rawValue, "\(requirementPath).evidenceTypes[\(item)].id")
                    if let source = evidence.obtainableFrom {
                        reference(source.rawValue, "\(requirementPath).evidenceTypes[\(item)].obtainableFrom")
                    }
                }
                for (item, criterion) in requirement.criteria.enumerated() {
                    identifier(criterion.id.rawValue, "\(requirementPath).criteria[\(item)].id")
                }
                for (item, rule) in requirement.fulfils.enumerated() {
                    reference(rule.rawValue, "\(requirementPath).fulfils[\(item)]")
                }
            }
            if forExport {
                for (position, cost) in service.costs.enumerated() where !IRISafety.isSafeIdentifier(cost.currency) {
                    issues.append(
                        CatalogueIssue(
                            code: "catalog.validation.invalid_cost", path: "\(path).costs[\(position)].currency",
                            message: "the currency must be an ISO 4217 code"))
                }
            }
        }
        return issues
    }
}
