import EGovCore

/// Generates an OpenAPI 3.1 description of the HTTP binding of a ``DataServiceContract``.
///
/// The document describes one operation, `POST /r1/<service ID>`, with the `X-Road-Client`
/// header, a request body and a response body that are compact JWS texts
/// (`application/jose`), and the JSON fault body for each error status. The signed payloads
/// (the request envelope with the contract's parameters, and the response envelope with the
/// contract's fields) are described under `components/schemas`, and the contract's
/// classification, purposes, retention and rate limit under `x-egov-*` extension members.
///
/// The output is a `JSONValue`; serialise it with `CanonicalJSON`.
public enum OpenAPIGenerator {
    /// The OpenAPI version written.
    public static let openAPIVersion = "3.1.0"

    /// The OpenAPI document for `contract`.
    public static func document(for contract: DataServiceContract) -> JSONValue {
        let title = contract.title.text(for: .en)?.text ?? contract.service.serviceCode.rawValue
        var info: [String: JSONValue] = [
            "title": .string(title),
            "version": .string(contract.version),
            "x-egov-contract-id": .string(contract.id),
            "x-egov-title": localized(contract.title),
        ]
        if let description = contract.description.text(for: .en)?.text { info["description"] = .string(description) }
        let faultResponse: (String) -> JSONValue = { text in
            .object([
                "description": .string(text),
                "content": .object([
                    "application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/Fault")])])
                ]),
            ])
        }
        let joseBody: (String, String) -> JSONValue = { text, schema in
            .object([
                "description": .string(text),
                "content": .object([
                    "application/jose": .object([
                        "schema": .object([
                            "type": .string("string"),
                            "pattern": .string("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"),
                            "description": .string(
                                "Compact JWS (x5c, algorithm fixed by the certificate key) whose payload is the "
                                    + "canonical JSON of components/schemas/\(schema)"),
                        ])
                    ])
                ]),
            ])
        }
        var responses: [String: JSONValue] = ["200": joseBody("The signed response envelope", "ResponseEnvelope")]
        let faults: [(InteropError.Code, String)] = [
            (.malformedRequest, "Malformed request"), (.signatureInvalid, "Signature, certificate or signer not accepted"),
            (.consumerNotAllowed, "Consumer, purpose or consent not allowed"), (.unknownService, "No contract in force"),
            (.replayed, "Replayed or stale message"), (.rateLimited, "Rate limit exceeded"),
            (.providerFailure, "Provider failure"), (.providerUnavailable, "Provider unavailable"),
        ]
        for (code, text) in faults { responses[String(code.httpStatus)] = faultResponse(text) }
        let operation: JSONValue = .object([
            "operationId": .string(contract.service.serviceCode.rawValue),
            "summary": .string(title),
            "parameters": .array([
                .object([
                    "name": .string("X-Road-Client"), "in": .string("header"), "required": .bool(true),
                    "description": .string("The consumer: INSTANCE/CLASS/CODE/SUBSYSTEM, each part percent-encoded"),
                    "schema": .object(["type": .string("string")]),
                ])
            ]),
            "requestBody": .object([
                "required": .bool(true),
                "content": joseBody("The signed request envelope", "RequestEnvelope")["content"] ?? .null,
            ]),
            "responses": .object(responses),
        ])
        let schemas: [String: JSONValue] = [
            "Parameters": objectSchema(contract.request),
            "Data": objectSchema(contract.response, allOptional: true),
            "RequestEnvelope": requestEnvelopeSchema(contract),
            "ResponseEnvelope": responseEnvelopeSchema(),
            "Fault": .object([
                "type": .string("object"),
                "required": .array([.string("fault"), .string("code"), .string("reason")]),
                "properties": .object([
                    "fault": .object(["type": .string("string"), "enum": .array(InteropError.Fault.allCases.map { .string($0.rawValue) })]),
                    "code": .object(["type": .string("string"), "enum": .array(InteropError.Code.allCases.map { .string($0.rawValue) })]),
                    "reason": .object(["type": .string("string")]),
                ]),
            ]),
        ]
        var document: [String: JSONValue] = [
            "openapi": .string(openAPIVersion),
            "info": .object(info),
            "paths": .object([contract.service.path: .object(["post": operation])]),
            "components": .object(["schemas": .object(schemas)]),
            "x-egov-classification": .object([
                "level": .string(contract.classification.rawValue), "label": localized(contract.classification.label),
            ]),
            "x-egov-purposes": .array(
                contract.purposes.map { purpose in
                    .object([
                        "code": .string(purpose.code), "legalBasis": .string(purpose.legalBasis),
                        "consentRequired": .bool(purpose.consentRequired),
                        "fields": .array(purpose.fields.map { .string($0) }),
                    ])
                }),
            "x-egov-consumers": .array(contract.consumers.map { .string($0.headerValue) }),
            "x-egov-retention-days": .number(Double(contract.retentionDays)),
            "x-egov-validity": .object([
                "from": .string(RFC3339Time.format(contract.validity.from, precision: .seconds)),
                "until": .string(RFC3339Time.format(contract.validity.until, precision: .seconds)),
            ]),
        ]
        if let rateLimit = contract.rateLimit {
            document["x-egov-rate-limit"] = .object([
                "maximumRequests": .number(Double(rateLimit.maximumRequests)),
                "periodSeconds": .number(Double(rateLimit.periodSeconds)),
            ])
        }
        return .object(document)
    }

    private static func localized(_ text: LocalizedText) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: text.languages.compactMap { tag in text[tag].map { (tag.rawValue, JSONValue.string($0)) } }))
    }

    static func schema(for field: FieldDefinition) -> JSONValue {
        var schema: [String: JSONValue]
        switch field.type {
        case .string: schema = ["type": .string("string")]
        case .integer: schema = ["type": .string("integer")]
        case .number: schema = ["type": .string("number")]
        case .boolean: schema = ["type": .string("boolean")]
        case .date: schema = ["type": .string("string"), "format": .string("date")]
        case .dateTime: schema = ["type": .string("string"), "format": .string("date-time")]
        }
        if let description = field.description?.text(for: .en)?.text { schema["description"] = .string(description) }
        if field.personalData { schema["x-egov-personal-data"] = .bool(true) }
        return .object(schema)
    }

    private static func objectSchema(_ fields: [FieldDefinition], allOptional: Bool = false) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.name, Self.schema(for: $0)) })),
        ]
        let required = allOptional ? [] : fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    private static func string(_ description: String, format: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("string"), "description": .string(description)]
        if let format { schema["format"] = .string(format) }
        return .object(schema)
    }

    private static func requestEnvelopeSchema(_ contract: DataServiceContract) -> JSONValue {
        .object([
            "type": .string("object"),
            "required": .array(
                ["v", "id", "client", "service", "userId", "purpose", "legalBasis", "issuedAt", "nonce", "fields", "parameters"]
                    .map { .string($0) }),
            "properties": .object([
                "v": string("Envelope format version (\(InteropVersion.current))"),
                "id": string("Message ID, unique per client"),
                "client": string("The consumer (X-Road-Client form)"),
                "service": string("The service ID"),
                "userId": string("The officer whose action caused the request"),
                "representedParty": string("The party the consumer acts for, if any"),
                "subject": string("Opaque reference of the data subject (for consent checks)"),
                "purpose": .object([
                    "type": .string("string"), "enum": .array(contract.purposes.map { .string($0.code) }),
                ]),
                "legalBasis": string("The legal basis the contract lists for the purpose"),
                "caseReference": string("The consumer's case or application reference"),
                "issuedAt": string("Signing time, RFC 3339", format: "date-time"),
                "nonce": string("Random, base64url"),
                "fields": .object([
                    "type": .string("array"),
                    "items": .object([
                        "type": .string("string"), "enum": .array(contract.response.map { .string($0.name) }),
                    ]),
                ]),
                "parameters": .object(["$ref": .string("#/components/schemas/Parameters")]),
            ]),
        ])
    }

    private static func responseEnvelopeSchema() -> JSONValue {
        .object([
            "type": .string("object"),
            "required": .array(
                ["v", "id", "requestId", "requestHash", "service", "issuedAt", "outcome"].map { .string($0) }),
            "properties": .object([
                "v": string("Envelope format version"),
                "id": string("Response message ID"),
                "requestId": string("The request's message ID"),
                "requestHash": string("base64url SHA-512 of the exact request body (the compact JWS)"),
                "service": string("The service ID"),
                "issuedAt": string("Signing time, RFC 3339", format: "date-time"),
                "outcome": .object([
                    "type": .string("string"),
                    "enum": .array(["success", "unavailable", "failure", "previewRequired"].map { .string($0) }),
                ]),
                "data": .object(["$ref": .string("#/components/schemas/Data")]),
                "omittedFields": .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
                "retryAfter": string("When to retry (outcome unavailable)", format: "date-time"),
                "failureCode": string("Why the evidence could not be given (outcome failure)"),
                "previewReference": string("Where the citizen previews the data (outcome previewRequired)"),
            ]),
        ])
    }
}
