import EGovCore
import EGovCrypto
import Foundation
import HTTPTypes
import Logging

/// The consumer side of an exchange: builds and signs requests, sends them through a transport
/// and verifies the answers.
///
/// An answer is accepted only if it is a response envelope that verifies (``EnvelopeVerifier``:
/// signature, algorithm from the certificate, chain at the response time with revocation), was
/// signed by a certificate registered for the **provider's** member, carries the request's ID and
/// the SHA-512 hash of the exact body sent, names the same service, and is dated within the
/// replay window. A provider fault (JSON fault body) is returned as the provider's
/// ``InteropError``; anything else that is not a valid answer is a transport fault.
public struct InteropClient: Sendable {
    /// This consumer.
    public let client: XRoadClientID
    let signer: EnvelopeSigner
    let verifier: EnvelopeVerifier
    let members: any MemberDirectory
    let transport: any InteropTransport
    let clock: any WallClock
    let window: ReplayWindow
    let logger: Logger

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - client: this consumer's ID.
    ///   - signer: signs requests with the consumer's seal certificate.
    ///   - verifier: verifies responses (trust anchors, CRLs).
    ///   - members: binds providers' signing certificates to members.
    ///   - transport: carries the messages.
    ///   - clock: the time source.
    ///   - window: how old or early a response may be.
    ///   - logger: where exchanges are logged (identifiers and outcomes only, never payloads).
    public init(
        client: XRoadClientID, signer: EnvelopeSigner, verifier: EnvelopeVerifier, members: any MemberDirectory,
        transport: any InteropTransport, clock: any WallClock, window: ReplayWindow = ReplayWindow(),
        logger: Logger = Logger(label: "egovkit.interop.client")
    ) {
        self.client = client
        self.signer = signer
        self.verifier = verifier
        self.members = members
        self.transport = transport
        self.clock = clock
        self.window = window
        self.logger = logger
    }

    /// Builds and signs the request for `query`.
    public func prepare(_ query: InteropQuery) async throws(InteropError) -> PreparedRequest {
        let request: InteropRequest
        do {
            request = InteropRequest(
                messageID: InteropProvider.newMessageID(), client: client, service: query.service, userID: query.userID,
                representedParty: query.representedParty, subject: query.subject, purpose: query.purpose,
                legalBasis: query.legalBasis, caseReference: query.caseReference, issuedAt: clock.now(),
                nonce: Base64URL.encode(try SecureRandom.bytes(count: 16)), fields: query.fields,
                parameters: query.parameters)
        } catch {
            throw InteropError(.malformedRequest, "no random nonce could be generated")
        }
        let envelope: String
        do {
            envelope = try await signer.sign(request.json, type: .request)
        } catch {
            throw InteropError(.malformedRequest, "the request could not be signed")
        }
        var fields = HTTPFields()
        fields[InteropHTTP.clientHeader] = client.headerValue
        fields[InteropHTTP.messageIDHeader] = request.messageID
        fields[.contentType] = InteropHTTP.envelopeMediaType
        fields[.accept] = InteropHTTP.envelopeMediaType
        let head = HTTPRequest(method: .post, scheme: nil, authority: nil, path: query.service.path, headerFields: fields)
        return PreparedRequest(request: request, envelope: envelope, head: head)
    }

    /// Sends a prepared request and verifies the answer.
    public func send(_ prepared: PreparedRequest) async throws(InteropError) -> InteropResult {
        let head: HTTPResponse
        let body: [UInt8]
        do {
            (head, body) = try await transport.send(prepared.head, body: prepared.body)
        } catch {
            logger.info(
                "interop transport failed",
                metadata: ["id": .string(prepared.request.messageID), "error": .string(String(describing: error))])
            throw InteropError(.transportFailure, "the request could not be delivered or no answer came")
        }
        guard head.status.code == 200 else { throw Self.fault(status: head.status.code, body: body) }
        return try await verifyAnswer(body, to: prepared)
    }

    /// Prepares, sends and verifies in one step.
    public func request(_ query: InteropQuery) async throws(InteropError) -> InteropResult {
        try await send(try await prepare(query))
    }

    /// Verifies `body` as the answer to `prepared`.
    public func verifyAnswer(_ body: [UInt8], to prepared: PreparedRequest) async throws(InteropError) -> InteropResult {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw InteropError(.responseInvalid, "the response body is not UTF-8")
        }
        let envelope: VerifiedEnvelope
        let response: InteropResponse
        do {
            envelope = try await verifier.verify(text, type: .response)
            response = try InteropResponse(payload: envelope.payload)
        } catch {
            throw InteropError(.responseInvalid, "\(error.code): \(error.reason)")
        }
        let bound: Bool
        do {
            bound = try await members.isSigningCertificate(envelope.signer, of: prepared.request.service.provider)
        } catch {
            throw InteropError(.responseInvalid, "the member directory failed")
        }
        guard bound else {
            throw InteropError(.responseInvalid, "the response is signed by a certificate not registered for the provider")
        }
        guard response.requestID == prepared.request.messageID,
            RequestHash.matches(response.requestHash, body: prepared.body)
        else {
            throw InteropError(.requestHashMismatch, "the response answers another request")
        }
        guard response.service == prepared.request.service else {
            throw InteropError(.requestHashMismatch, "the response names another service")
        }
        if window.timeVerdict(issuedAt: response.issuedAt, now: clock.now()) != nil {
            throw InteropError(.responseInvalid, "the response time is outside the accepted window")
        }
        return InteropResult(request: prepared.request, response: response, signer: envelope.signer, envelope: text)
    }

    /// The provider's fault from a non-200 answer, or a transport fault if it is not one.
    static func fault(status: Int, body: [UInt8]) -> InteropError {
        guard body.count <= 64 * 1024,
            case .object(let members)? = try? JSONValue.parse(body, limits: .init(maximumBytes: 64 * 1024, maximumDepth: 4)),
            case .string(let codeText)? = members["code"], let code = InteropError.Code(rawValue: codeText),
            code.fault != .transport
        else {
            return InteropError(.transportFailure, "the answer is HTTP \(status) without a recognised fault")
        }
        var reason = "provider answered HTTP \(status)"
        if case .string(let text)? = members["reason"] { reason = String(text.prefix(512)) }
        return InteropError(code, reason)
    }
}
