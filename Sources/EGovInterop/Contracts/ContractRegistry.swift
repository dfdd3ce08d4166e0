import Foundation

/// Where a provider publishes its data service contracts and looks them up per request.
///
/// Implementations must be safe to call concurrently. ``InMemoryContractRegistry`` keeps them in
/// memory; a database-backed registry conforms the same way.
public protocol ContractRegistry: Sendable {
    /// Validates and publishes a contract.
    ///
    /// - Throws: ``ContractError/invalid(_:)`` when ``DataServiceContract/validate()`` finds
    ///   issues, ``ContractError/duplicate(id:version:)`` when that ID and version exist.
    func publish(_ contract: DataServiceContract) async throws

    /// The contract for `service` in force at `date`; when several are, the one that started
    /// last. `nil` when none is.
    func contract(for service: XRoadServiceID, at date: Date) async throws -> DataServiceContract?

    /// Every published contract, ordered by ID then version.
    func contracts() async throws -> [DataServiceContract]
}

/// A ``ContractRegistry`` in memory, bounded to ``capacity`` contracts.
public actor InMemoryContractRegistry: ContractRegistry {
    /// The most contracts held.
    public let capacity: Int
    private var byService: [XRoadServiceID: [DataServiceContract]] = [:]
    private var count = 0

    /// Creates an empty registry.
    public init(capacity: Int = 10_000) { self.capacity = capacity }

    public func publish(_ contract: DataServiceContract) async throws {
        let issues = contract.validate()
        guard issues.isEmpty else { throw ContractError.invalid(issues) }
        let all = byService.values.joined()
        guard !all.contains(where: { $0.id == contract.id && $0.version == contract.version }) else {
            throw ContractError.duplicate(id: contract.id, version: contract.version)
        }
        guard count < capacity else {
            throw ContractError.invalid([
                ContractIssue(code: "interop.contract.registry_full", path: "$", message: "the registry is full")
            ])
        }
        byService[contract.service, default: []].append(contract)
        count += 1
    }

    public func contract(for service: XRoadServiceID, at date: Date) async throws -> DataServiceContract? {
        byService[service]?.filter { $0.validity.contains(date) }.max { $0.validity.from < $1.validity.from }
    }

    public func contracts() async throws -> [DataServiceContract] {
        byService.values.joined().sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }
}
