import EGovCrypto

/// A request that passed every provider check, as handed to the ``InteropDataSource``.
public struct AcceptedRequest: Sendable {
    /// The verified request.
    public let request: InteropRequest
    /// The contract in force.
    public let contract: DataServiceContract
    /// The contract purpose the request cites.
    public let purpose: ContractPurpose
    /// The fields the answer may contain: those requested (or all, if none were) that the purpose
    /// allows. The provider drops any other field the data source returns.
    public let fields: [String]
    /// The consumer's signing certificate.
    public let signer: Certificate
    /// The consent grant used, when the purpose needs consent.
    public let consentGrantID: String?
}
