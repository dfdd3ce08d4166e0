import EGovCore
import Foundation

/// What a consumer asks a provider for: the payload of a request envelope.
///
/// JSON (canonicalised and signed; names fixed):
/// `{"v":"1","id":…,"client":"MO/GOV/DSEDJ/schools","service":"MO/GOV/DSAJ/registry/companyRecord/v1",
/// "userId":…,"representedParty":…,"subject":…,"purpose":…,"legalBasis":…,"caseReference":…,
/// "issuedAt":"2026-01-01T00:00:00Z","nonce":…,"fields":[…],"parameters":{…}}`.
///
/// ``userID``, ``subject`` and ``representedParty`` are opaque references (an officer's account,
/// a person's account ID), never names or identity numbers; ``description`` shows none of them.
public struct InteropRequest: Sendable, Hashable, CustomStringConvertible {
    /// The longest string member, in bytes.
    public static let maximumStringBytes = 512
    /// The most requested fields.
    public static let maximumFields = 256

    /// The message ID (unique per client; replay protection keys on it). 1–128 bytes of
    /// `A–Z a–z 0–9 . _ -`.
    public var messageID: String
    /// The consumer.
    public var client: XRoadClientID
    /// The service asked.
    public var service: XRoadServiceID
    /// The officer whose action caused the request.
    public var userID: String
    /// The party the consumer acts for, if any (X-Road-Represented-Party `CLASS/CODE`).
    public var representedParty: String?
    /// The data subject's opaque reference (consent is checked for it), if the data is about a person.
    public var subject: String?
    /// The purpose code (from the contract).
    public var purpose: String
    /// The legal basis cited (must equal the contract's for the purpose).
    public var legalBasis: String
    /// The consumer's case or application reference.
    public var caseReference: String?
    /// When the request was signed.
    public var issuedAt: Date
    /// A random nonce (base64url).
    public var nonce: String
    /// The response fields asked for; empty asks for everything the purpose allows.
    public var fields: [String]
    /// The request parameters (the contract's request schema).
    public var parameters: [String: JSONValue]

    /// Creates a request.
    public init(
        messageID: String, client: XRoadClientID, service: XRoadServiceID, userID: String,
        representedParty: String? = nil, subject: String? = nil, purpose: String, legalBasis: String,
        caseReference: String? = nil, issuedAt: Date, nonce: String, fields: [String] = [],
        parameters: [String: JSONValue] = [:]
    ) {
        self.messageID = messageID
        self.client = client
        self.service = service
        self.userID = userID
        self.representedParty = representedParty
        self.subject = subject
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.caseReference = caseReference
        self.issuedAt = RFC3339Time.truncate(issuedAt, to: .seconds)
        self.nonce = nonce
        self.fields = fields
        self.parameters = parameters
    }

    /// The payload JSON.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "v": .string(InteropVersion.current), "id": .string(messageID), "client": .string(client.headerValue),
            "service": .string(service.text), "userId": .string(userID), "purpose": .string(purpose),
            "legalBasis": .string(legalBasis), "issuedAt": .string(RFC3339Time.format(issuedAt, precision: .seconds)),
            "nonce": .string(nonce), "fields": .array(fields.map { .string($0) }), "parameters": .object(parameters),
        ]
        if let representedParty { members["representedParty"] = .string(representedParty) }
        if let subject { members["subject"] = .string(subject) }
        if let caseReference { members["caseReference"] = .string(caseReference) }
        return .object(members)
    }

    /// Reads a verified payload.
    ///
    /// - Throws: ``InteropError`` `interop.malformed_request` naming the first wrong member.
    public init(payload members: [String: JSONValue]) throws(InteropError) {
        let reader = EnvelopeReader(members: members)
        try reader.expectVersion()
        messageID = try reader.identifier("id")
        do {
            client = try XRoadClientID(parsing: try reader.string("client"))
            service = try XRoadServiceID(parsing: try reader.string("service"))
        } catch let error as XRoadIdentifierError {
            throw InteropError(.malformedRequest, "client or service: \(error.reason)")
        } catch let error as InteropError {
            throw error
        } catch {
            throw InteropError(.malformedRequest, "client or service is malformed")
        }
        userID = try reader.string("userId")
        representedParty = try reader.optionalString("representedParty")
        subject = try reader.optionalString("subject")
        purpose = try reader.string("purpose")
        legalBasis = try reader.string("legalBasis")
        caseReference = try reader.optionalString("caseReference")
        issuedAt = try reader.time("issuedAt")
        nonce = try reader.string("nonce")
        fields = try reader.stringArray("fields", limit: Self.maximumFields)
        guard case .object(let parameters)? = members["parameters"] else {
            throw InteropError(.malformedRequest, "parameters is missing or not an object")
        }
        self.parameters = parameters
    }

    /// A summary without personal references or parameters.
    public var description: String {
        "InteropRequest(id: \(messageID), client: \(client), service: \(service), purpose: \(purpose))"
    }
}
