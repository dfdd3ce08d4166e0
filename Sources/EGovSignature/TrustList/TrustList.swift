import EGovCore
import EGovCrypto
import Foundation

/// The trust services a validator relies on: which CAs are trusted for signatures, for seals and
/// for time-stamping, which of them are qualified, and since or until when.
///
/// Loaded from EGovKit's JSON format (documented in Documentation/Signatures.md) or built from
/// PEM bundles. The JSON form is parsed strictly: size limit, no duplicate members, every
/// certificate must parse, dates are RFC 3339.
public struct TrustList: Sendable, Hashable {
    /// The list's name.
    public var name: LocalizedText
    /// When the list was issued.
    public var issued: Date?
    /// When the next list is due; a validator may warn when the list is older than this.
    public var nextUpdate: Date?
    /// The services.
    public var services: [TrustedService]

    /// Largest accepted JSON trust list.
    public static let maximumLength = 8 << 20
    /// Most services accepted in one list.
    public static let maximumServices = 1024

    /// Creates a trust list.
    public init(name: LocalizedText, issued: Date? = nil, nextUpdate: Date? = nil, services: [TrustedService]) {
        self.name = name
        self.issued = issued
        self.nextUpdate = nextUpdate
        self.services = services
    }

    /// A list with one service holding every certificate of a PEM bundle, granted from `from`.
    public init(
        pemBundle: String, type: TrustedService.ServiceType, qualified: Bool, name: LocalizedText,
        grantedFrom from: Date = Date(timeIntervalSince1970: 0)
    ) throws(TrustListError) {
        let certificates: [Certificate]
        do { certificates = try Certificate.parseBundle(pemRepresentation: pemBundle) } catch {
            throw .invalidCertificate(error.reason)
        }
        self.init(
            name: name,
            services: [
                TrustedService(
                    name: name, type: type, isQualified: qualified, certificates: certificates,
                    history: [.init(status: .granted, from: from)])
            ])
    }

    /// Parses the JSON trust-list format.
    public init(jsonBytes json: some DataProtocol) throws(TrustListError) {
        let bytes = Array(json)
        guard bytes.count <= Self.maximumLength else { throw .tooLarge(limit: Self.maximumLength) }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: .init(maximumBytes: Self.maximumLength, maximumDepth: 16))
        } catch {
            throw .malformed(error.reason)
        }
        guard case .object(let root) = value else { throw .malformed("the trust list is not a JSON object") }
        name = try Self.localizedText(root["name"], field: "name")
        issued = try Self.optionalDate(root["issued"], field: "issued")
        nextUpdate = try Self.optionalDate(root["nextUpdate"], field: "nextUpdate")
        guard case .array(let items)? = root["services"] else { throw .malformed("services must be an array") }
        guard items.count <= Self.maximumServices else {
            throw .malformed("more than \(Self.maximumServices) services")
        }
        var services: [TrustedService] = []
        for (index, item) in items.enumerated() {
            guard case .object(let entry) = item else { throw .malformed("services[\(index)] is not an object") }
            let field = "services[\(index)]"
            guard case .string(let typeText)? = entry["type"], let type = TrustedService.ServiceType(rawValue: typeText)
            else { throw .malformed("\(field).type must be signing, seal or timestamping") }
            guard case .bool(let qualified)? = entry["qualified"] else {
                throw .malformed("\(field).qualified must be true or false")
            }
            guard case .array(let certificateItems)? = entry["certificates"], !certificateItems.isEmpty else {
                throw .malformed("\(field).certificates must be a non-empty array")
            }
            var certificates: [Certificate] = []
            for certificateItem in certificateItems {
                guard case .string(let text) = certificateItem else {
                    throw .malformed("\(field).certificates holds a non-string")
                }
                certificates.append(try Self.certificate(text))
            }
            guard case .array(let historyItems)? = entry["history"], !historyItems.isEmpty else {
                throw .malformed("\(field).history must be a non-empty array")
            }
            var history: [TrustedService.StatusChange] = []
            for historyItem in historyItems {
                guard case .object(let change) = historyItem, case .string(let statusText)? = change["status"],
                    let status = TrustedService.Status(rawValue: statusText),
                    let from = try Self.optionalDate(change["from"], field: "\(field).history.from")
                else { throw .malformed("\(field).history entries need status granted|withdrawn and from") }
                history.append(.init(status: status, from: from))
            }
            services.append(
                TrustedService(
                    name: try Self.localizedText(entry["name"], field: "\(field).name"), type: type,
                    isQualified: qualified, certificates: certificates, history: history))
        }
        self.services = services
    }

    /// The JSON form of the list (certificates as PEM).
    public func jsonBytes() throws(TrustListError) -> [UInt8] {
        func text(_ value: LocalizedText) -> JSONValue {
            .object(
                Dictionary(
                    uniqueKeysWithValues: value.languages.compactMap { tag in
                        value[tag].map { (tag.rawValue, JSONValue.string($0)) }
                    }))
        }
        var root: [String: JSONValue] = ["name": text(name)]
        if let issued { root["issued"] = .string(RFC3339Time.format(issued, precision: .seconds)) }
        if let nextUpdate { root["nextUpdate"] = .string(RFC3339Time.format(nextUpdate, precision: .seconds)) }
        root["services"] = .array(
            services.map { service in
                .object([
                    "name": text(service.name), "type": .string(service.type.rawValue),
                    "qualified": .bool(service.isQualified),
                    "certificates": .array(service.certificates.map { .string($0.pemRepresentation) }),
                    "history": .array(
                        service.history.map {
                            .object([
                                "status": .string($0.status.rawValue), "from": .string(RFC3339Time.format($0.from, precision: .seconds)),
                            ])
                        }),
                ])
            })
        do { return try CanonicalJSON.serialize(.object(root)) } catch { throw .malformed(error.reason) }
    }

    /// Certificates of services of `types` that are granted at `time`.
    public func anchors(for types: Set<TrustedService.ServiceType>, at time: Date) -> [Certificate] {
        var seen = Set<Certificate>()
        var result: [Certificate] = []
        for service in services where types.contains(service.type) && service.isGranted(at: time) {
            for certificate in service.certificates where seen.insert(certificate).inserted {
                result.append(certificate)
            }
        }
        return result
    }

    /// The services of `types` listing `certificate`.
    public func services(containing certificate: Certificate, types: Set<TrustedService.ServiceType>)
        -> [TrustedService]
    {
        services.filter { types.contains($0.type) && $0.contains(certificate) }
    }

    /// This list with the services of `other` added.
    public func merging(_ other: TrustList) -> TrustList {
        TrustList(name: name, issued: issued, nextUpdate: nextUpdate, services: services + other.services)
    }

    private static func localizedText(_ value: JSONValue?, field: String) throws(TrustListError) -> LocalizedText {
        guard case .object(let members)? = value, !members.isEmpty else {
            throw .malformed("\(field) must be an object of language tags to text")
        }
        var text = LocalizedText()
        for (key, member) in members {
            guard case .string(let string) = member, let tag = try? LanguageTag(key) else {
                throw .malformed("\(field) has an invalid language tag or value")
            }
            text[tag] = string
        }
        return text
    }

    private static func optionalDate(_ value: JSONValue?, field: String) throws(TrustListError) -> Date? {
        guard let value else { return nil }
        guard case .string(let text) = value, let date = RFC3339Time.parse(text, precision: .seconds) else {
            throw .malformed("\(field) must be an RFC 3339 time such as 2026-01-01T00:00:00Z")
        }
        return date
    }

    private static func certificate(_ text: String) throws(TrustListError) -> Certificate {
        do {
            if text.hasPrefix("-----BEGIN") { return try Certificate(pemRepresentation: text) }
            guard let der = try? Base64.decode(text) else {
                throw TrustListError.invalidCertificate("not PEM or base64 DER")
            }
            return try Certificate(derRepresentation: der)
        } catch let error as TrustListError {
            throw error
        } catch let error as CryptoError {
            throw .invalidCertificate(error.reason)
        } catch {
            throw .invalidCertificate("unreadable certificate")
        }
    }
}
