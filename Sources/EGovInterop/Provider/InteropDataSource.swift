import EGovCore

/// The department's own data behind a service: called by ``InteropProvider`` only for requests
/// that passed every check.
public protocol InteropDataSource: Sendable {
    /// Produces the answer to `accepted`.
    ///
    /// Return only what ``AcceptedRequest/fields`` names; anything else is removed anyway.
    /// Thrown errors become `interop.provider_failure` (only their type is logged, nothing is
    /// sent), except an ``InteropError`` with a client fault, which is answered as it is.
    func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult
}
