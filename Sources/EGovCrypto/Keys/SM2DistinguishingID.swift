/// The distinguishing identifier (user ID) that SM2 signatures bind into the signed digest
/// (GB/T 32918.2 section 5.5, Z_A).
///
/// Signer and verifier must use the same ID. GM/T 0009-2012 fixes the default as the ASCII
/// string `1234567812345678`. OpenSSL 3.0 uses an *empty* ID when none is set, so EGovKit always
/// sets one explicitly; there is no implicit default below this type.
public struct SM2DistinguishingID: Sendable, Hashable, CustomStringConvertible {
    /// The identifier bytes.
    public let bytes: [UInt8]

    /// The GM/T 0009-2012 default, ASCII `1234567812345678`.
    public static let `default` = SM2DistinguishingID(validated: Array("1234567812345678".utf8))

    /// Longest accepted ID in bytes: ENTL_A is a 16-bit count of bits, so at most 8191 bytes.
    public static let maximumLength = 8191

    /// Creates an ID from bytes. An empty ID is allowed (some deployments use it) but must be asked for.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count <= Self.maximumLength else {
            throw .invalidDistinguishingID("longer than \(Self.maximumLength) bytes")
        }
        self.bytes = bytes
    }

    /// Creates an ID from a UTF-8 string.
    public init(_ string: String) throws(CryptoError) {
        try self.init(bytes: Array(string.utf8))
    }

    private init(validated bytes: [UInt8]) { self.bytes = bytes }

    public var description: String {
        if let text = String(validating: bytes, as: UTF8.self), text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "SM2DistinguishingID(\"\(text)\")"
        }
        return "SM2DistinguishingID(\(bytes.count) bytes)"
    }
}
