/// The seam through which a ``TimeStampClient`` reaches a time-stamping authority.
///
/// An HTTP implementation lives in the application: POST the request bytes with content type
/// `application/timestamp-query` and return the body of a `application/timestamp-reply`
/// answer (RFC 3161 section 3.4). Tests use `LocalTimeStampAuthority` from EGovTesting.
public protocol TimeStampTransport: Sendable {
    /// Sends a DER `TimeStampReq` and returns the DER `TimeStampResp`.
    func send(_ request: [UInt8]) async throws -> [UInt8]
}
