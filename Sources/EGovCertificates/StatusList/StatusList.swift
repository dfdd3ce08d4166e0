import EGovCore

/// A Token Status List (draft-ietf-oauth-status-list, "Status List"): a byte array holding one
/// `bits`-wide status per Referenced Token, published as ZLIB-compressed, base64url-encoded `lst`.
///
/// Entry `i` occupies bits `i * bits ..< (i + 1) * bits` counted from the least significant bit
/// of byte 0: index 0 is the least significant `bits` of the first byte.
///
/// Decoding is strict and bounded: `lst` must be strict base64url of at most
/// ``maximumCompressedBytes`` bytes holding exactly one ZLIB stream whose output is at most
/// ``maximumDecompressedBytes`` bytes (inflating stops past the limit, so zip bombs are refused
/// cheaply).
///
/// JSON shape: `{"bits": 1|2|4|8, "lst": "<base64url(zlib)>", "aggregation_uri": "<optional>"}`.
public struct StatusList: Sendable, Hashable {
    /// The largest accepted decompressed list: 16 MiB.
    public static let maximumDecompressedBytes = 16 << 20
    /// The largest accepted compressed list: 8 MiB.
    public static let maximumCompressedBytes = 8 << 20

    /// The number of bits per entry: 1, 2, 4 or 8.
    public let bits: Int
    /// The decompressed list bytes.
    public private(set) var bytes: [UInt8]
    /// The optional `aggregation_uri` member: where all Status List Tokens of the issuer are listed.
    public var aggregationURI: String?

    /// The number of entries: every bit of ``bytes`` belongs to an entry.
    public var count: Int { bytes.count * 8 / bits }

    /// Creates a list of `size` entries, all ``CredentialStatus/valid``.
    ///
    /// The size is rounded up to a whole number of bytes, so ``count`` may exceed `size` by up
    /// to `8 / bits - 1` entries (which stay valid).
    ///
    /// - Throws: ``StatusListError/invalidBits(_:)`` or ``StatusListError/invalidSize(_:)`` when
    ///   `size` is not positive or the list would exceed ``maximumDecompressedBytes``.
    public init(bits: Int, size: Int) throws(StatusListError) {
        try Self.checkBits(bits)
        guard size > 0, size <= Self.maximumDecompressedBytes * (8 / bits) else { throw .invalidSize(size) }
        self.bits = bits
        self.bytes = [UInt8](repeating: 0, count: (size * bits + 7) / 8)
    }

    /// Creates a list from its decompressed bytes.
    ///
    /// - Throws: ``StatusListError/invalidBits(_:)``, ``StatusListError/emptyList`` or
    ///   ``StatusListError/decompressedTooLarge(limit:)``.
    public init(bits: Int, bytes: [UInt8]) throws(StatusListError) {
        try Self.checkBits(bits)
        guard !bytes.isEmpty else { throw .emptyList }
        guard bytes.count <= Self.maximumDecompressedBytes else {
            throw .decompressedTooLarge(limit: Self.maximumDecompressedBytes)
        }
        self.bits = bits
        self.bytes = bytes
    }

    /// Decodes `lst`: strict base64url, then exactly one ZLIB stream.
    ///
    /// - Parameters:
    ///   - bits: the `bits` member.
    ///   - encoded: the `lst` member, exactly as published (whitespace is not removed).
    /// - Throws: ``StatusListError`` naming the first problem.
    public init(bits: Int, encoded: String) throws(StatusListError) {
        try Self.checkBits(bits)
        let maximumLength = (Self.maximumCompressedBytes * 4 + 2) / 3
        guard encoded.utf8.count <= maximumLength else {
            throw .compressedTooLarge(limit: Self.maximumCompressedBytes)
        }
        let compressed: [UInt8]
        do {
            compressed = try Base64URL.decode(encoded, limit: maximumLength)
        } catch {
            throw .invalidBase64URL
        }
        let bytes = try ZlibCodec.decompress(compressed, limit: Self.maximumDecompressedBytes)
        try self.init(bits: bits, bytes: bytes)
    }

    /// Parses the Status List JSON object from its UTF-8 bytes.
    ///
    /// - Throws: ``StatusListError/invalidJSON(_:)`` for malformed JSON, or why the list is refused.
    public init(json: [UInt8]) throws(StatusListError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(json, limits: Self.jsonLimits)
        } catch {
            throw .invalidJSON(error.reason)
        }
        try self.init(jsonValue: value)
    }

    /// Reads the Status List JSON object (e.g. the `status_list` claim of a Status List Token).
    ///
    /// `bits` must be the integer 1, 2, 4 or 8; `lst` a string; `aggregation_uri`, when present,
    /// a string. Other members are ignored.
    public init(jsonValue: JSONValue) throws(StatusListError) {
        guard case .object(let members) = jsonValue else { throw .invalidJSON("the status list is not an object") }
        guard case .number(let bitsValue)? = members["bits"] else {
            throw .invalidJSON("bits is missing or not a number")
        }
        guard let bits = JSONNumber.exactInteger(bitsValue) else { throw .invalidJSON("bits is not an integer") }
        try Self.checkBits(bits)
        guard case .string(let lst)? = members["lst"] else { throw .invalidJSON("lst is missing or not a string") }
        var aggregationURI: String?
        if let aggregation = members["aggregation_uri"] {
            guard case .string(let text) = aggregation else { throw .invalidJSON("aggregation_uri is not a string") }
            aggregationURI = text
        }
        try self.init(bits: bits, encoded: lst)
        self.aggregationURI = aggregationURI
    }

    /// The Status List JSON object: `bits`, `lst` (best ZLIB compression) and, when set,
    /// `aggregation_uri`.
    public var jsonValue: JSONValue {
        get throws(StatusListError) {
            var members: [String: JSONValue] = ["bits": .number(Double(bits)), "lst": .string(try encoded())]
            if let aggregationURI { members["aggregation_uri"] = .string(aggregationURI) }
            return .object(members)
        }
    }

    /// `lst`: the bytes compressed into one ZLIB stream at the best compression level, then
    /// base64url-encoded without padding.
    public func encoded() throws(StatusListError) -> String {
        Base64URL.encode(try ZlibCodec.compress(bytes))
    }

    /// The status at `index`.
    ///
    /// - Throws: ``StatusListError/indexOutOfRange(index:count:)``.
    public func status(at index: Int) throws(StatusListError) -> CredentialStatus {
        try CredentialStatus(rawValue: value(at: index))
    }

    /// The raw value at `index`.
    ///
    /// - Throws: ``StatusListError/indexOutOfRange(index:count:)``.
    public func value(at index: Int) throws(StatusListError) -> UInt8 {
        guard index >= 0, index < count else { throw .indexOutOfRange(index: index, count: count) }
        let bitOffset = index * bits
        return (bytes[bitOffset / 8] >> UInt8(bitOffset % 8)) & mask
    }

    /// Sets the status at `index`.
    ///
    /// - Throws: ``StatusListError/indexOutOfRange(index:count:)``, or
    ///   ``StatusListError/valueTooLarge(value:bits:)`` when the value needs more than ``bits``.
    public mutating func setStatus(_ status: CredentialStatus, at index: Int) throws(StatusListError) {
        let value = status.rawValue
        guard value <= mask else { throw .valueTooLarge(value: value, bits: bits) }
        guard index >= 0, index < count else { throw .indexOutOfRange(index: index, count: count) }
        let bitOffset = index * bits
        let shift = UInt8(bitOffset % 8)
        let byteIndex = bitOffset / 8
        bytes[byteIndex] = (bytes[byteIndex] & ~(mask << shift)) | (value << shift)
    }

    /// Every index whose value is not 0, with its value (for reports such as
    /// `egov status-list decode`).
    ///
    /// Builds a dictionary with one element per non-zero entry; for a list from an untrusted
    /// source (up to 2^27 non-zero entries) prefer the lazy ``nonZeroEntries``.
    public var nonZeroIndices: [Int: UInt8] {
        var result: [Int: UInt8] = [:]
        for entry in nonZeroEntries { result[entry.index] = entry.value }
        return result
    }

    /// The non-zero entries in index order, computed lazily (zero bytes are skipped).
    public var nonZeroEntries: NonZeroEntries { NonZeroEntries(list: self) }

    /// A lazy sequence of a list's non-zero entries, in index order.
    public struct NonZeroEntries: Sequence, IteratorProtocol, Sendable {
        private let bytes: [UInt8]
        private let bits: Int
        private let mask: UInt8
        private var byteIndex = 0
        private var slot = 0

        init(list: StatusList) {
            bytes = list.bytes
            bits = list.bits
            mask = list.mask
        }

        /// The next non-zero entry, or `nil` at the end.
        public mutating func next() -> (index: Int, value: UInt8)? {
            let perByte = 8 / bits
            while byteIndex < bytes.count {
                let byte = bytes[byteIndex]
                if byte == 0 {
                    byteIndex += 1
                    slot = 0
                    continue
                }
                while slot < perByte {
                    let current = slot
                    slot += 1
                    let value = (byte >> UInt8(current * bits)) & mask
                    if value != 0 { return (byteIndex * perByte + current, value) }
                }
                byteIndex += 1
                slot = 0
            }
            return nil
        }
    }

    private var mask: UInt8 { UInt8(truncatingIfNeeded: (1 << bits) - 1) }

    /// JSON limits for a Status List or Status List Token payload: room for the largest `lst`.
    static let jsonLimits = JSONValue.Limits(
        maximumBytes: 12 << 20, maximumDepth: 16, maximumStringBytes: 12 << 20)

    private static func checkBits(_ bits: Int) throws(StatusListError) {
        guard [1, 2, 4, 8].contains(bits) else { throw .invalidBits(bits) }
    }
}
