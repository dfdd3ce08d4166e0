import Benchmark
import BenchmarkSupport
import EGovCatalogue
import EGovCore
import EGovIdentity
import Foundation

/// Catalogue search, index build and load + validate over a synthetic catalogue of 10,000 services.
///
/// The catalogue is built once, in memory, before any benchmark runs: the 36 services of the bundled
/// sample are cloned round after round (ids and codes suffixed with the round, titles extended with
/// a district name in zh-Hant/pt/en, `relatedServices` remapped into the same round) until there are
/// 10,000. It is checked with `CatalogueValidator` and the run stops if it is not valid.
///
/// Baselines in the same run: a naive linear scan (`lowercased().contains` over every title and
/// description) for search; lowercasing every title and description for the index build;
/// `JSONSerialization.jsonObject(with:)` over the same bytes for load + validate.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault(timeUnits: .microseconds, maxIterations: 100_000)
    let catalogue: Catalogue
    let json: Data
    do {
        catalogue = try SyntheticCatalogue.make(serviceCount: 10_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        json = try encoder.encode(catalogue)
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }
    let issues = CatalogueValidator().validate(catalogue)
    guard issues.isEmpty else {
        fatalError("synthetic catalogue is not valid: \(issues.prefix(5).map(\.description))")
    }
    let index = CatalogueIndex(catalogue: catalogue)
    let naive = NaiveCatalogueScan(catalogue: catalogue)

    let queries: [(label: String, text: String)] = [
        ("zh-Hant 飲食牌照", "飲食牌照"),
        ("zh-Hans 饮食牌照", "饮食牌照"),
        ("pt licença comidas", "licença comidas"),
        ("en dog licence", "dog licence"),
        ("no match", "xylophone quokka"),
    ]

    for query in queries {
        Benchmark("search 10k services, limit 20: \(query.label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(index.search(query.text, limit: 20))
            }
        }
        Benchmark(
            "naive baseline: linear lowercased().contains scan, 10k services: \(query.label)",
            configuration: .init(maxDuration: .seconds(3), maxIterations: 2_000)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(naive.search(query.text, limit: 20))
            }
        }
    }

    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 2,
        maxDuration: .seconds(10), maxIterations: 50)

    Benchmark("index build, 10k services (CatalogueIndex(catalogue:))", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CatalogueIndex(catalogue: catalogue))
        }
    }

    Benchmark("naive baseline: lowercase every title and description, 10k services", configuration: slow) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(NaiveCatalogueScan.lowercasedTexts(catalogue))
        }
    }

    Benchmark(
        "load + validate, 10k services (\(json.count / 1024) KiB JSON: Catalogue.load + CatalogueValidator)",
        configuration: slow
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let loaded = try Catalogue.load(from: json)
            blackHole(CatalogueValidator().validate(loaded))
        }
    }

    Benchmark("load only, 10k services (Catalogue.load)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Catalogue.load(from: json))
        }
    }

    Benchmark("validate only, 10k services (CatalogueValidator)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CatalogueValidator().validate(catalogue))
        }
    }

    Benchmark("baseline: JSONSerialization.jsonObject, same bytes", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONSerialization.jsonObject(with: json))
        }
    }
}

/// The naive search: every title and description of every service, lowercased, checked for the
/// lowercased query as a substring. No index, no folding of scripts or accents, no ranking.
struct NaiveCatalogueScan: Sendable {
    private let services: [PublicService]

    init(catalogue: Catalogue) {
        services = catalogue.services
    }

    /// The naive "index": every title and description of every service, lowercased once.
    static func lowercasedTexts(_ catalogue: Catalogue) -> [[String]] {
        catalogue.services.map { service in
            (Array(service.title.values.values) + Array(service.description.values.values)).map { $0.lowercased() }
        }
    }

    func search(_ text: String, limit: Int) -> [PublicService] {
        let needle = text.lowercased()
        var hits: [PublicService] = []
        for service in services {
            let matches = { (text: String) in text.lowercased().contains(needle) }
            if service.title.values.values.contains(where: matches)
                || service.description.values.values.contains(where: matches)
            {
                hits.append(service)
            }
        }
        return Array(hits.prefix(limit))
    }
}

/// Builds a valid catalogue of any size from the bundled sample.
enum SyntheticCatalogue {
    private static let districts: [(zhHant: String, pt: String, en: String)] = [
        ("澳門半島", "Península de Macau", "Macau Peninsula"),
        ("氹仔", "Taipa", "Taipa"),
        ("路環", "Coloane", "Coloane"),
        ("路氹城", "Cotai", "Cotai"),
        ("北區", "Zona Norte", "Northern District"),
        ("新口岸", "NAPE", "Outer Harbour"),
    ]

    static func make(serviceCount: Int) throws -> Catalogue {
        let sample = try Catalogue.sample()
        let base = sample.services
        guard !base.isEmpty else { throw CatalogueError.malformed(detail: "the sample has no services") }
        var services: [PublicService] = []
        services.reserveCapacity(serviceCount)
        let rounds = (serviceCount + base.count - 1) / base.count
        for round in 0..<rounds {
            let inThisRound = min(base.count, serviceCount - round * base.count)
            let idsInRound = Set(base.prefix(inThisRound).map(\.id))
            for position in 0..<inThisRound {
                var service = base[position]
                let district = districts[(round + position) % districts.count]
                service.id = try ServiceID("\(service.id.rawValue).r\(round)")
                service.code = "\(service.code)-R\(round)"
                service.title[.zhHant] = "\(service.title[.zhHant] ?? "")（\(district.zhHant)第\(round)區）"
                service.title[.pt] = "\(service.title[.pt] ?? "") — \(district.pt) \(round)"
                service.title[.en] = "\(service.title[.en] ?? "") — \(district.en) \(round)"
                service.relatedServices = try service.relatedServices.filter { idsInRound.contains($0.service) }.map {
                    RelatedService(service: try ServiceID("\($0.service.rawValue).r\(round)"), relation: $0.relation)
                }
                services.append(service)
            }
        }
        return Catalogue(
            version: "synthetic-\(serviceCount)", organisations: sample.organisations, events: sample.events,
            services: services)
    }
}
