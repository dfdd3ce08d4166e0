import EGovCore
import Foundation

/// A provider's answer: the payload of a response envelope.
///
/// JSON: `{"v":"1","id":…,"requestId":…,"requestHash":…,"service":…,"issuedAt":…,
/// "outcome":"success","data":{…},"omittedFields":[…]}`, with `retryAfter`, `failureCode` or
/// `previewReference` for the other outcomes.
///
/// ``requestHash`` is base64url(SHA-512(request body bytes)) — the exact compact JWS the provider
/// received — binding the answer to one request (X-Road's `X-Road-Request-Hash` idea).
/// ``omittedFields`` lists requested fields the purpose does not allow (names only).
public struct InteropResponse: Sendable, Hashable, CustomStringConvertible {
    /// The response's own message ID.
    public var messageID: String
    /// The request's message ID.
    public var requestID: String
    /// base64url SHA-512 of the request body.
    public var requestHash: String
    /// The service.
    public var service: XRoadServiceID
    /// When the response was signed.
    public var issuedAt: Date
    /// The outcome.
    public var outcome: ResponseOutcome
    /// The data (only fields the purpose allows).
    public var data: [String: JSONValue]
    /// Requested fields that were withheld because the purpose does not allow them.
    public var omittedFields: [String]

    /// Creates a response.
    public init(
        messageID: String, requestID: String, requestHash: String, service: XRoadServiceID, issuedAt: Date,
        outcome: ResponseOutcome, data: [String: JSONValue] = [:], omittedFields: [String] = []
    ) {
        self.messageID = messageID
        self.requestID = requestID
        self.requestHash = requestHash
        self.service = service
        self.issuedAt = RFC3339Time.truncate(issuedAt, to: .seconds)
        self.outcome = outcome
        self.data = data
        self.omittedFields = omittedFields
    }

    /// The payload JSON.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "v": .string(InteropVersion.current), "id": .string(messageID), "requestId": .string(requestID),
            "requestHash": .string(requestHash), "service": .string(service.text),
            "issuedAt": .string(RFC3339Time.format(issuedAt, precision: .seconds)), "outcome": .string(outcome.name),
            "data": .object(data), "omittedFields": .array(omittedFields.map { .string($0) }),
        ]
        switch outcome {
        case .success: break
        case .unavailable(let retryAfter): members["retryAfter"] = .string(RFC3339Time.format(retryAfter, precision: .seconds))
        case .failure(let code): members["failureCode"] = .string(code)
        case .previewRequired(let reference): members["previewReference"] = .string(reference)
        }
        return .object(members)
    }

    /// Reads a verified payload.
    public init(payload members: [String: JSONValue]) throws(InteropError) {
        let reader = EnvelopeReader(members: members)
        try reader.expectVersion()
        messageID = try reader.identifier("id")
        requestID = try reader.identifier("requestId")
        requestHash = try reader.string("requestHash")
        do {
            service = try XRoadServiceID(parsing: try reader.string("service"))
        } catch let error as XRoadIdentifierError {
            throw InteropError(.malformedRequest, "service: \(error.reason)")
        } catch let error as InteropError {
            throw error
        } catch {
            throw InteropError(.malformedRequest, "service is malformed")
        }
        issuedAt = try reader.time("issuedAt")
        switch try reader.string("outcome") {
        case "success": outcome = .success
        case "unavailable":
            guard let retryAfter = try reader.optionalTime("retryAfter") else {
                throw InteropError(.malformedRequest, "an unavailable outcome needs retryAfter")
            }
            outcome = .unavailable(retryAfter: retryAfter)
        case "failure": outcome = .failure(code: try reader.string("failureCode"))
        case "previewRequired": outcome = .previewRequired(reference: try reader.string("previewReference"))
        default: throw InteropError(.malformedRequest, "unknown outcome")
        }
        guard case .object(let data)? = members["data"] else {
            throw InteropError(.malformedRequest, "data is missing or not an object")
        }
        self.data = data
        omittedFields = try reader.stringArray("omittedFields", limit: InteropRequest.maximumFields)
    }

    /// A summary without the data.
    public var description: String {
        "InteropResponse(id: \(messageID), request: \(requestID), outcome: \(outcome.name), fields: \(data.count))"
    }
}
