/// Strict conversion between the two encodings of an ECDSA or SM2 signature (r, s):
/// DER (`SEQUENCE { INTEGER r, INTEGER s }`, X.509/CMS) and the fixed-size r‖s form
/// (IEEE P1363, used by JOSE, RFC 7518 section 3.4).
///
/// Both directions reject rather than repair: wrong lengths, non-minimal or negative integers,
/// long-form lengths where short form fits, trailing bytes, or values wider than the curve.
public enum ECDSASignature {
    /// Converts a DER signature to r‖s with each component `componentLength` bytes.
    public static func rawRepresentation(
        fromDER der: some Collection<UInt8>, componentLength: Int
    ) throws(CryptoError) -> [UInt8] {
        let bytes = Array(der)
        guard bytes.count <= 2 * componentLength + 16 else {
            throw .malformedSignature("DER signature longer than possible for this curve")
        }
        var reader = DERReader(bytes)
        let sequence = try reader.read(tag: 0x30, what: "signature SEQUENCE")
        guard reader.isAtEnd else { throw .malformedSignature("trailing bytes after the signature SEQUENCE") }
        var inner = DERReader(sequence)
        let r = try inner.readPositiveInteger(what: "r")
        let s = try inner.readPositiveInteger(what: "s")
        guard inner.isAtEnd else { throw .malformedSignature("extra elements in the signature SEQUENCE") }
        guard r.count <= componentLength, s.count <= componentLength else {
            throw .malformedSignature("r or s is wider than \(componentLength) bytes")
        }
        return [UInt8](repeating: 0, count: componentLength - r.count) + r
            + [UInt8](repeating: 0, count: componentLength - s.count) + s
    }

    /// Converts r‖s (exactly `2 * componentLength` bytes) to DER.
    public static func derRepresentation(
        fromRaw raw: some Collection<UInt8>, componentLength: Int
    ) throws(CryptoError) -> [UInt8] {
        let bytes = Array(raw)
        guard componentLength > 0, bytes.count == 2 * componentLength else {
            throw .malformedSignature("r‖s signature must be exactly \(2 * componentLength) bytes, got \(bytes.count)")
        }
        let r = integerContent(bytes[0..<componentLength])
        let s = integerContent(bytes[componentLength...])
        let body = encode(tag: 0x02, r) + encode(tag: 0x02, s)
        return encode(tag: 0x30, body)
    }

    /// Minimal two's-complement content octets for an unsigned big-endian integer.
    private static func integerContent(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var trimmed = Array(value.drop { $0 == 0 })
        if trimmed.isEmpty { return [0] }
        if let first = trimmed.first, first & 0x80 != 0 { trimmed.insert(0, at: 0) }
        return trimmed
    }

    private static func encode(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            output.append(UInt8(length))
        } else if length <= 0xFF {
            output += [0x81, UInt8(length)]
        } else {
            output += [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        }
        return output + content
    }
}

/// A minimal strict DER reader for the few structures EGovCrypto parses in Swift.
struct DERReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// Reads one element with the expected tag and returns its content octets.
    mutating func read(tag expected: UInt8, what: String) throws(CryptoError) -> [UInt8] {
        guard offset < bytes.count else { throw .malformedSignature("\(what): missing") }
        guard bytes[offset] == expected else { throw .malformedSignature("\(what): unexpected tag") }
        offset += 1
        guard offset < bytes.count else { throw .malformedSignature("\(what): missing length") }
        let first = bytes[offset]
        offset += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 2 else { throw .malformedSignature("\(what): unsupported length form") }
            guard offset + count <= bytes.count else { throw .malformedSignature("\(what): truncated length") }
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[offset])
                offset += 1
            }
            // DER: the shortest form, so long form only for >= 0x80 and no leading zero octet.
            guard length >= 0x80, !(count == 2 && length <= 0xFF) else {
                throw .malformedSignature("\(what): non-minimal length encoding")
            }
        }
        guard length <= bytes.count - offset else { throw .malformedSignature("\(what): truncated content") }
        let content = Array(bytes[offset..<(offset + length)])
        offset += length
        return content
    }

    /// Reads a DER INTEGER that must be positive and minimally encoded; returns its magnitude.
    mutating func readPositiveInteger(what: String) throws(CryptoError) -> [UInt8] {
        let content = try read(tag: 0x02, what: what)
        guard let first = content.first else { throw .malformedSignature("\(what): empty INTEGER") }
        guard first & 0x80 == 0 else { throw .malformedSignature("\(what): negative INTEGER") }
        if first == 0 {
            guard content.count > 1 else { return [] }  // the value zero
            guard content[1] & 0x80 != 0 else { throw .malformedSignature("\(what): non-minimal INTEGER") }
            return Array(content.dropFirst())
        }
        return content
    }
}
