/// The key usage extension (RFC 5280 section 4.2.1.3) as a set of bits.
///
/// ``Certificate/keyUsage`` is `nil` when the extension is absent, so absence is distinguishable
/// from an (invalid) empty set.
public struct KeyUsage: OptionSet, Sendable, Hashable, Codable {
    /// The bits, bit n of RFC 5280 as `1 << n`.
    public let rawValue: UInt16
    /// Creates a key usage from its raw bits (bit n of RFC 5280 is `1 << n`).
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// digitalSignature (bit 0).
    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    /// nonRepudiation, renamed contentCommitment in X.509 (2008) (bit 1).
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    /// contentCommitment: the same bit as ``nonRepudiation``.
    public static let contentCommitment = nonRepudiation
    /// keyEncipherment (bit 2).
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    /// dataEncipherment (bit 3).
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    /// keyAgreement (bit 4).
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    /// keyCertSign (bit 5).
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    /// cRLSign (bit 6).
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)
    /// encipherOnly (bit 7).
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    /// decipherOnly (bit 8).
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    /// The RFC 5280 names of the bits in the set, in bit order.
    public var names: [String] {
        let all = [
            "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
            "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
        ]
        return all.enumerated().filter { rawValue & (1 << UInt16($0.offset)) != 0 }.map(\.element)
    }

    /// Converts from OpenSSL's `X509_get_key_usage` bit layout (`KU_*` constants).
    init(openSSLBits bits: UInt32) {
        let table: [(UInt32, KeyUsage)] = [
            (0x0080, .digitalSignature), (0x0040, .nonRepudiation), (0x0020, .keyEncipherment),
            (0x0010, .dataEncipherment), (0x0008, .keyAgreement), (0x0004, .keyCertSign),
            (0x0002, .cRLSign),
            (0x0001, .encipherOnly), (0x8000, .decipherOnly),
        ]
        var value = KeyUsage()
        for (bit, usage) in table where bits & bit != 0 { value.insert(usage) }
        self = value
    }
}
