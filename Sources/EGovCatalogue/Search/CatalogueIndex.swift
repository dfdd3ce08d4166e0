import EGovCore
import Foundation

/// A multilingual in-memory search index over the services of a ``Catalogue``.
///
/// Text of every language is indexed together (see the tokenizer rules in the source):
/// Chinese by character bigrams with Traditional↔Simplified folding (``ChineseScriptFolding``),
/// Portuguese and English by accent-folded, lightly stemmed words. Fields are boosted:
/// title (×``titleBoost``) > keywords (×``keywordBoost``) > description (×1).
///
/// A service's score is the sum, over the query terms it contains, of
/// `idf(term) × Σ boost(field) × (1 + log(tf))`, multiplied by the square of the fraction of query
/// terms matched. At least half the query terms must match, so nonsense returns nothing.
public struct CatalogueIndex: Sendable {
    /// The boost of a title match.
    public static let titleBoost = 4.0
    /// The boost of a keyword match.
    public static let keywordBoost = 2.0
    /// The boost of a description match.
    public static let descriptionBoost = 1.0

    private let services: [PublicService]
    /// One service containing a term, with the term's weighted frequency in it.
    private struct Posting: Sendable {
        let service: Int
        let weight: Double
    }

    /// term → the services containing it, in service order.
    private let postings: [String: [Posting]]

    /// Builds the index.
    public init(catalogue: Catalogue) {
        services = catalogue.services
        var postings: [String: [Posting]] = [:]
        for (index, service) in catalogue.services.enumerated() {
            var weights: [String: Double] = [:]
            func add(_ text: String, boost: Double) {
                var counts: [String: Int] = [:]
                for term in SearchTokenizer.indexTerms(text) { counts[term, default: 0] += 1 }
                for (term, count) in counts { weights[term, default: 0] += boost * (1 + log(Double(count))) }
            }
            for text in service.title.values.values { add(text, boost: Self.titleBoost) }
            for word in service.keywords.all { add(word, boost: Self.keywordBoost) }
            for text in service.description.values.values { add(text, boost: Self.descriptionBoost) }
            for (term, weight) in weights {
                postings[term, default: []].append(Posting(service: index, weight: weight))
            }
        }
        self.postings = postings
    }

    /// Runs a query.
    ///
    /// - Returns: matching services, best first (ties by identifier), at most `query.limit`.
    public func search(_ query: CatalogueQuery) -> [CatalogueSearchResult] {
        guard query.limit > 0 else { return [] }
        let terms = SearchTokenizer.queryTerms(query.text)
        if terms.isEmpty {
            guard query.text.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) else { return [] }
            return services.indices.filter { passes(services[$0], query) }
                .sorted { services[$0].id < services[$1].id }.prefix(query.limit).map {
                    CatalogueSearchResult(service: services[$0], score: 0)
                }
        }
        // Term-at-a-time accumulation over the postings: each term is looked up once, and only the
        // services containing at least one term are ever visited (the filters run on those alone).
        let total = Double(services.count)
        var scores = [Double](repeating: 0, count: services.count)
        var matches = [Int](repeating: 0, count: services.count)
        var touched: [Int] = []
        for term in terms {
            guard let posting = postings[term] else { continue }
            let idf = log(1 + total / Double(posting.count))
            for entry in posting {
                if matches[entry.service] == 0 { touched.append(entry.service) }
                scores[entry.service] += idf * entry.weight
                matches[entry.service] += 1
            }
        }
        var ranked: [(service: Int, score: Double)] = []
        for index in touched {
            guard Double(matches[index]) * 2 >= Double(terms.count), passes(services[index], query) else { continue }
            let coverage = Double(matches[index]) / Double(terms.count)
            ranked.append((index, scores[index] * coverage * coverage))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : services[$0.service].id < services[$1.service].id }
        return ranked.prefix(query.limit).map { CatalogueSearchResult(service: services[$0.service], score: $0.score) }
    }

    /// Searches free text with no filters.
    public func search(_ text: String, limit: Int = 20) -> [CatalogueSearchResult] {
        search(CatalogueQuery(text: text, limit: limit))
    }

    private func passes(_ service: PublicService, _ query: CatalogueQuery) -> Bool {
        if !query.includeWithdrawn, service.status == .withdrawn { return false }
        if let department = query.department, !service.competentAuthorities.contains(department) { return false }
        if let event = query.event, !service.events.contains(event) { return false }
        if let channel = query.channel, !service.channels.contains(where: { $0.kind == channel }) { return false }
        if query.fullyOnlineOnly, !service.isFullyOnline { return false }
        return true
    }
}
