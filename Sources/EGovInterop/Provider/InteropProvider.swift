import EGovCore
import EGovCrypto
import EGovIdentity
import Foundation
import Logging

/// The provider side of an exchange: verifies a signed request, enforces the contract, asks the
/// data source, trims the answer to the purpose's fields and signs the response.
///
/// Checks, in order (the first failure is answered as an ``InteropError``):
/// 1. the path names a service and `X-Road-Client` a client (``XRoadServiceID``, ``XRoadClientID``);
/// 2. the envelope verifies (``EnvelopeVerifier``: signature, algorithm from the certificate,
///    chain at the message time, expiry, CRL revocation);
/// 3. the envelope's client and service equal the header's and the path's, and the signing
///    certificate is registered for that client's member (``MemberDirectory``);
/// 4. the message time is in the replay window and its ID is new (`ReplayCache`);
/// 5. a contract is in force for the service, lists the consumer, lists the purpose with the
///    same legal basis; the parameters fit the request schema; requested fields exist;
/// 6. the contract's rate limit is not exceeded;
/// 7. when the purpose needs consent: a subject is named and the `ConsentRegistry` has a grant
///    (`requester` = the consumer's member, `provider` = the provider's member, data category =
///    ``DataServiceContract/effectiveConsentCategory``, purpose = the purpose code); the use is
///    recorded by the registry.
///
/// Every served or refused request is appended to the optional audit log (action
/// `interop.request.served` / `interop.request.refused`, subject the message ID, no personal data).
/// Use ``InteropHTTPHandler`` to mount it on an HTTP server.
public struct InteropProvider: Sendable {
    /// The outcome of ``handle(body:clientHeader:path:)``.
    public enum Reply: Sendable {
        /// The signed response envelope (compact JWS).
        case response(String)
        /// The request was refused or failed.
        case fault(InteropError)
    }

    /// The largest accepted request body (default 1 MiB).
    public var maximumRequestBytes: Int
    let signer: EnvelopeSigner
    let verifier: EnvelopeVerifier
    let members: any MemberDirectory
    let contracts: any ContractRegistry
    let replayCache: any ReplayCache
    let consent: ConsentRegistry?
    let dataSource: any InteropDataSource
    let clock: any WallClock
    let rateLimiter: RateLimiter
    let auditLog: (any AuditLog)?
    let logger: Logger

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - signer: signs responses with the provider's seal certificate.
    ///   - verifier: verifies requests (trust anchors, CRLs).
    ///   - members: binds consumers' signing certificates to members.
    ///   - contracts: the published contracts.
    ///   - replayCache: remembers request IDs.
    ///   - consent: the consent registry, needed when a purpose requires consent.
    ///   - dataSource: the department's data.
    ///   - clock: the time source.
    ///   - rateLimiter: counts requests for contracts with a rate limit.
    ///   - auditLog: where served and refused requests are recorded.
    ///   - logger: swift-log logger (codes and IDs only).
    ///   - maximumRequestBytes: the largest request body accepted; larger ones are refused unread.
    public init(
        signer: EnvelopeSigner, verifier: EnvelopeVerifier, members: any MemberDirectory,
        contracts: any ContractRegistry, replayCache: any ReplayCache, consent: ConsentRegistry? = nil,
        dataSource: any InteropDataSource, clock: any WallClock, rateLimiter: RateLimiter = RateLimiter(),
        auditLog: (any AuditLog)? = nil, logger: Logger = Logger(label: "egovkit.interop.provider"),
        maximumRequestBytes: Int = 1 << 20
    ) {
        self.signer = signer
        self.verifier = verifier
        self.members = members
        self.contracts = contracts
        self.replayCache = replayCache
        self.consent = consent
        self.dataSource = dataSource
        self.clock = clock
        self.rateLimiter = rateLimiter
        self.auditLog = auditLog
        self.logger = logger
        self.maximumRequestBytes = maximumRequestBytes
    }

    /// Handles one request body received at `path` with the `X-Road-Client` header `clientHeader`.
    public func handle(body: [UInt8], clientHeader: String?, path: String) async -> Reply {
        do {
            let (accepted, answer) = try await serve(body: body, clientHeader: clientHeader, path: path)
            await audit("interop.request.served", accepted.request, code: nil)
            return .response(answer)
        } catch {
            logger.info(
                "interop request refused",
                metadata: ["code": .string(error.code), "fault": .string(error.fault.rawValue)])
            await audit("interop.request.refused", nil, code: error.code)
            return .fault(error)
        }
    }

    private func serve(body: [UInt8], clientHeader: String?, path: String) async throws(InteropError) -> (
        AcceptedRequest, String
    ) {
        guard body.count <= maximumRequestBytes else {
            throw InteropError(.malformedRequest, "the request body exceeds \(maximumRequestBytes) bytes")
        }
        let pathService: XRoadServiceID
        let headerClient: XRoadClientID
        do {
            pathService = try XRoadServiceID(path: path)
            guard let clientHeader else { throw InteropError(.malformedRequest, "the X-Road-Client header is missing") }
            headerClient = try XRoadClientID(parsing: clientHeader)
        } catch let error as XRoadIdentifierError {
            throw InteropError(.malformedRequest, "service path or X-Road-Client: \(error.reason)")
        } catch let error as InteropError {
            throw error
        } catch {
            throw InteropError(.malformedRequest, "service path or X-Road-Client is malformed")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw InteropError(.malformedRequest, "the request body is not UTF-8")
        }
        let envelope = try await verifier.verify(text, type: .request)
        let request = try InteropRequest(payload: envelope.payload)
        guard request.client == headerClient else {
            throw InteropError(.malformedRequest, "the signed client does not match X-Road-Client")
        }
        guard request.service == pathService else {
            throw InteropError(.malformedRequest, "the signed service does not match the request path")
        }
        guard try await isBound(envelope.signer, to: request.client) else {
            throw InteropError(.signerNotBound, "the signing certificate is not registered for the client member")
        }
        let verdict: ReplayVerdict
        do {
            verdict = try await replayCache.admit(
                messageID: request.messageID, sender: request.client.headerValue, issuedAt: request.issuedAt)
        } catch {
            throw InteropError(.providerUnavailable, "the replay cache failed")
        }
        switch verdict {
        case .accepted: break
        case .replayed: throw InteropError(.replayed, "the message ID was already used")
        case .tooOld: throw InteropError(.stale, "the message is older than the replay window")
        case .tooFarInFuture: throw InteropError(.stale, "the message is dated beyond the allowed clock skew")
        case .capacityExceeded: throw InteropError(.providerUnavailable, "the replay cache is full")
        }
        let now = clock.now()
        let found: DataServiceContract?
        do {
            found = try await contracts.contract(for: request.service, at: now)
        } catch {
            throw InteropError(.providerUnavailable, "the contract registry failed")
        }
        guard let contract = found else {
            throw InteropError(.unknownService, "no contract is in force for the service")
        }
        guard contract.allows(request.client) else {
            throw InteropError(.consumerNotAllowed, "the contract does not list this consumer")
        }
        guard let purpose = contract.purpose(request.purpose) else {
            throw InteropError(.purposeNotAllowed, "the contract does not list this purpose")
        }
        guard purpose.legalBasis == request.legalBasis else {
            throw InteropError(.purposeNotAllowed, "the legal basis does not match the contract's for this purpose")
        }
        try Self.checkParameters(request.parameters, against: contract.request)
        let known = Set(contract.response.map(\.name))
        guard request.fields.allSatisfy(known.contains) else {
            throw InteropError(.malformedRequest, "a requested field is not in the response schema")
        }
        let allowed = Set(purpose.fields)
        let fields = request.fields.isEmpty ? purpose.fields : uniqued(request.fields.filter(allowed.contains))
        let omitted = uniqued(request.fields.filter { !allowed.contains($0) })
        if let limit = contract.rateLimit {
            let key = request.client.headerValue + " " + request.service.text + " \(limit.periodSeconds)"
            guard await rateLimiter.admit(key: key, limit: limit, now: now) else {
                throw InteropError(.rateLimited, "the contract allows \(limit.maximumRequests) requests per \(limit.periodSeconds) s")
            }
        }
        var grantID: String?
        if purpose.consentRequired {
            grantID = try await checkConsent(request, contract: contract, purpose: purpose)
        }
        let accepted = AcceptedRequest(
            request: request, contract: contract, purpose: purpose, fields: fields, signer: envelope.signer,
            consentGrantID: grantID)
        let result: DataSourceResult
        do {
            result = try await dataSource.respond(to: accepted)
        } catch let error as InteropError where error.fault == .client {
            // The data source found the request itself wanting (e.g. missing evidence parameters).
            throw error
        } catch {
            logger.error("interop data source failed", metadata: ["type": .string(String(describing: type(of: error)))])
            throw InteropError(.providerFailure, "the provider could not produce the data")
        }
        let permitted = Set(fields)
        let data = result.outcome == .success ? result.data.filter { permitted.contains($0.key) } : [:]
        let response = InteropResponse(
            messageID: Self.newMessageID(), requestID: request.messageID, requestHash: RequestHash.compute(body),
            service: request.service, issuedAt: now, outcome: result.outcome, data: data, omittedFields: omitted)
        do {
            return (accepted, try await signer.sign(response.json, type: .response))
        } catch {
            throw InteropError(.providerFailure, "the response could not be signed")
        }
    }

    private func isBound(_ certificate: Certificate, to client: XRoadClientID) async throws(InteropError) -> Bool {
        do {
            return try await members.isSigningCertificate(certificate, of: client)
        } catch {
            throw InteropError(.providerUnavailable, "the member directory failed")
        }
    }

    private func checkConsent(_ request: InteropRequest, contract: DataServiceContract, purpose: ContractPurpose)
        async throws(InteropError) -> String
    {
        guard let subject = request.subject else {
            throw InteropError(.consentMissing, "the purpose needs consent and the request names no subject")
        }
        guard let consent else {
            throw InteropError(.providerUnavailable, "the purpose needs consent and no consent registry is configured")
        }
        let decision: ConsentDecision
        do {
            decision = try await consent.use(
                personAccountID: subject, requester: request.client.member.headerValue,
                provider: contract.service.provider.member.headerValue, dataCategory: contract.effectiveConsentCategory,
                purpose: purpose.code)
        } catch {
            throw InteropError(.providerUnavailable, "the consent registry failed")
        }
        switch decision {
        case .allowed(let grantID): return grantID
        case .denied(let denial): throw InteropError(.consentMissing, "no consent covers this request (\(denial.rawValue))")
        }
    }

    static func checkParameters(_ parameters: [String: JSONValue], against schema: [FieldDefinition])
        throws(InteropError)
    {
        let byName = Dictionary(schema.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (name, value) in parameters {
            guard let field = byName[name] else {
                throw InteropError(.malformedRequest, "parameter \(name.count <= 64 ? name : "(long name)") is not in the request schema")
            }
            guard field.type.accepts(value) else {
                throw InteropError(.malformedRequest, "parameter \(name) is not of type \(field.type.rawValue)")
            }
        }
        for field in schema where field.required && parameters[field.name] == nil {
            throw InteropError(.malformedRequest, "required parameter \(field.name) is missing")
        }
    }

    private func uniqued(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    private func audit(_ action: String, _ request: InteropRequest?, code: String?) async {
        guard let auditLog else { return }
        var details: [String: String] = [:]
        if let request {
            details["service"] = request.service.text
            details["purpose"] = request.purpose
        }
        if let code { details["code"] = code }
        let event = AuditEvent(
            actor: request?.client.headerValue ?? "unauthenticated", action: action,
            subject: request?.messageID ?? "-", details: details)
        do {
            _ = try await auditLog.append(event)
        } catch {
            logger.error("interop audit append failed")
        }
    }

    static func newMessageID() -> String {
        (try? SecureRandom.bytes(count: 16)).map { Base64URL.encode($0) } ?? UUID().uuidString
    }
}
