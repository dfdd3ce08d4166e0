import EGovCore

/// A purpose a consumer may request a service's data for, with its legal basis and the fields
/// it may receive.
///
/// The provider hands out only ``fields`` for this purpose, whatever was asked for (field
/// minimisation); with ``consentRequired`` it also needs the data subject's consent.
public struct ContractPurpose: Sendable, Hashable, Codable {
    /// The purpose code, e.g. `licence-application` (`A–Z a–z 0–9 . _ -`, at most 64 characters).
    public var code: String
    /// The legal basis, e.g. `Lei n.º 8/2005, artigo 6.º` — the consumer must cite exactly this.
    public var legalBasis: String
    /// Whether the data subject's consent is needed (EGovIdentity `ConsentRegistry`).
    public var consentRequired: Bool
    /// The response fields this purpose may receive.
    public var fields: [String]
    /// What the purpose is.
    public var description: LocalizedText?

    /// Creates a purpose.
    public init(
        code: String, legalBasis: String, consentRequired: Bool, fields: [String], description: LocalizedText? = nil
    ) {
        self.code = code
        self.legalBasis = legalBasis
        self.consentRequired = consentRequired
        self.fields = fields
        self.description = description
    }

    /// Whether `code` is a well-formed purpose code.
    public static func isValidCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return !bytes.isEmpty && bytes.count <= 64
            && bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default: false
                }
            }
    }
}
