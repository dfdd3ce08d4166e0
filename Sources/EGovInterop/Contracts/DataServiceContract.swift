import EGovCore
import Foundation

/// A data-sharing agreement for one service: who provides what, to whom, for which purposes and
/// on which legal basis.
///
/// Departments exchange data under contracts instead of asking citizens for paper proofs. A
/// provider publishes the contract in a ``ContractRegistry``; for every request it then enforces
/// ``consumers``, ``purposes`` (with their legal basis, consent need and allowed fields),
/// ``rateLimit`` and ``validity``. ``OpenAPIGenerator`` turns a contract into an OpenAPI
/// description of the service.
///
/// Load untrusted text with ``decode(from:)`` (size-limited, strict JSON, then ``validate()``).
/// The JSON shape is documented in Documentation/Interop.md.
public struct DataServiceContract: Sendable, Hashable, Codable {
    /// The largest accepted contract text.
    public static let maximumBytes = 1 << 20

    /// The contract's ID, e.g. `dsaj-company-registry-2026` (`A–Z a–z 0–9 . _ -`, ≤ 64).
    public var id: String
    /// The contract's version, e.g. `1.0` (same character set, ≤ 32).
    public var version: String
    /// The service (and with it the providing subsystem).
    public var service: XRoadServiceID
    /// The service title.
    public var title: LocalizedText
    /// What the service returns.
    public var description: LocalizedText
    /// The request parameters.
    public var request: [FieldDefinition]
    /// The response fields.
    public var response: [FieldDefinition]
    /// How sensitive the response is.
    public var classification: DataClassification
    /// The consumers allowed (a consumer matches an entry exactly; an entry without a subsystem
    /// admits every subsystem of that member).
    public var consumers: [XRoadClientID]
    /// The allowed purposes.
    public var purposes: [ContractPurpose]
    /// The consent data category (EGovIdentity `ConsentGrant.dataCategories`); defaults to the
    /// service code.
    public var consentCategory: String?
    /// Requests allowed per consumer and period, or `nil` for no limit.
    public var rateLimit: RateLimit?
    /// How many days a consumer may keep the data it receives.
    public var retentionDays: Int
    /// When the contract is in force.
    public var validity: ContractValidity

    /// Creates a contract (call ``validate()`` before publishing).
    public init(
        id: String, version: String, service: XRoadServiceID, title: LocalizedText, description: LocalizedText,
        request: [FieldDefinition], response: [FieldDefinition], classification: DataClassification,
        consumers: [XRoadClientID], purposes: [ContractPurpose], consentCategory: String? = nil,
        rateLimit: RateLimit? = nil, retentionDays: Int, validity: ContractValidity
    ) {
        self.id = id
        self.version = version
        self.service = service
        self.title = title
        self.description = description
        self.request = request
        self.response = response
        self.classification = classification
        self.consumers = consumers
        self.purposes = purposes
        self.consentCategory = consentCategory
        self.rateLimit = rateLimit
        self.retentionDays = retentionDays
        self.validity = validity
    }

    /// The data category consent grants must cover.
    public var effectiveConsentCategory: String { consentCategory ?? service.serviceCode.rawValue }

    /// The purpose with `code`, if the contract lists it.
    public func purpose(_ code: String) -> ContractPurpose? { purposes.first { $0.code == code } }

    /// Whether the contract admits `client` as a consumer.
    public func allows(_ client: XRoadClientID) -> Bool {
        consumers.contains { $0 == client || ($0.subsystem == nil && $0 == client.member) }
    }

    /// Parses and validates contract JSON.
    ///
    /// - Throws: ``ContractError`` — too large, not strict JSON, wrong shape, or invalid (with
    ///   every issue found).
    public static func decode(from bytes: some Collection<UInt8>) throws(ContractError) -> DataServiceContract {
        guard bytes.count <= maximumBytes else { throw .tooLarge(limit: maximumBytes) }
        do {
            _ = try JSONValue.parse(bytes, limits: .init(maximumBytes: maximumBytes, maximumDepth: 16))
        } catch {
            throw .invalidJSON(error)
        }
        let contract: DataServiceContract
        do {
            contract = try JSONDecoder().decode(DataServiceContract.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidShape("missing member \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidShape("wrong type at \(Self.path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalidShape("null at \(Self.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidShape("\(context.debugDescription) at \(Self.path(context.codingPath))")
        } catch {
            throw .invalidShape("undecodable")
        }
        let issues = contract.validate()
        guard issues.isEmpty else { throw .invalid(issues) }
        return contract
    }

    /// The canonical JSON (RFC 8785) of the contract.
    public func canonicalJSON() throws -> [UInt8] { try CanonicalJSON.data(for: self) }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("$") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path + "." + key.stringValue
        }
    }

    /// Every rule the contract breaks (empty when it is valid).
    ///
    /// Checks: ID, version, purpose codes and field names are well-formed; field names are unique
    /// per schema; a title exists; at least one consumer and one purpose, no duplicates; each
    /// purpose has a legal basis and names only response fields; the rate limit and retention are
    /// positive; the validity period is not empty.
    public func validate() -> [ContractIssue] {
        var issues: [ContractIssue] = []
        func issue(_ code: String, _ path: String, _ message: String) {
            issues.append(ContractIssue(code: "interop.contract." + code, path: path, message: message))
        }
        if !Self.isToken(id, limit: 64) { issue("invalid_id", "$.id", "the ID must be 1-64 of A-Z a-z 0-9 . _ -") }
        if !Self.isToken(version, limit: 32) {
            issue("invalid_version", "$.version", "the version must be 1-32 of A-Z a-z 0-9 . _ -")
        }
        if title.isEmpty { issue("missing_title", "$.title", "the title needs at least one language") }
        for (schema, fields) in [("request", request), ("response", response)] {
            var seen: Set<String> = []
            for (index, field) in fields.enumerated() {
                let path = "$.\(schema)[\(index)].name"
                if !FieldDefinition.isValidName(field.name) {
                    issue("invalid_field_name", path, "a field name is [A-Za-z][A-Za-z0-9_]*, at most 64 characters")
                } else if !seen.insert(field.name).inserted {
                    issue("duplicate_field", path, "field \(field.name) is defined twice")
                }
            }
        }
        if response.isEmpty { issue("empty_response", "$.response", "the response defines no field") }
        if consumers.isEmpty { issue("no_consumers", "$.consumers", "no consumer is allowed") }
        if Set(consumers).count != consumers.count { issue("duplicate_consumer", "$.consumers", "a consumer is listed twice") }
        if purposes.isEmpty { issue("no_purposes", "$.purposes", "no purpose is allowed") }
        let responseNames = Set(response.map(\.name))
        var purposeCodes: Set<String> = []
        for (index, purpose) in purposes.enumerated() {
            let base = "$.purposes[\(index)]"
            if !ContractPurpose.isValidCode(purpose.code) {
                issue("invalid_purpose_code", base + ".code", "a purpose code is 1-64 of A-Z a-z 0-9 . _ -")
            } else if !purposeCodes.insert(purpose.code).inserted {
                issue("duplicate_purpose", base + ".code", "purpose \(purpose.code) is listed twice")
            }
            let basis = purpose.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines)
            if basis.isEmpty || purpose.legalBasis.utf8.count > 512 {
                issue("invalid_legal_basis", base + ".legalBasis", "each purpose needs a legal basis of at most 512 bytes")
            }
            if purpose.fields.isEmpty { issue("no_fields", base + ".fields", "the purpose may receive no field") }
            if Set(purpose.fields).count != purpose.fields.count {
                issue("duplicate_field", base + ".fields", "a field is listed twice")
            }
            for (fieldIndex, name) in purpose.fields.enumerated() where !responseNames.contains(name) {
                issue("unknown_field", base + ".fields[\(fieldIndex)]", "\(name) is not a response field")
            }
        }
        if let consentCategory, !Self.isToken(consentCategory, limit: 64) {
            issue("invalid_consent_category", "$.consentCategory", "the category must be 1-64 of A-Z a-z 0-9 . _ -")
        }
        if let rateLimit, !(1...RateLimit.maximumValue).contains(rateLimit.maximumRequests)
            || !(1...RateLimit.maximumValue).contains(rateLimit.periodSeconds)
        {
            issue(
                "invalid_rate_limit", "$.rateLimit",
                "the rate limit needs 1 to \(RateLimit.maximumValue) requests per 1 to \(RateLimit.maximumValue) seconds")
        }
        if retentionDays < 0 || retentionDays > 36_500 {
            issue("invalid_retention", "$.retentionDays", "retention must be 0 to 36500 days")
        }
        if validity.until <= validity.from {
            issue("empty_validity", "$.validity", "the validity period ends before it starts")
        }
        return issues
    }

    static func isToken(_ text: String, limit: Int) -> Bool {
        ContractPurpose.isValidCode(text) && text.utf8.count <= limit
    }
}
