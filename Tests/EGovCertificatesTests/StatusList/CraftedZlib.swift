/// Builds ZLIB streams by hand (RFC 1950 wrapper, one fixed-Huffman DEFLATE block, RFC 1951
/// section 3.2.6), independently of the zlib the library uses: a literal 0 followed by `matches`
/// copies of (length 258, distance 1), so the stream inflates to `1 + 258 * matches` zero bytes
/// from about 13 bits per 258 bytes. Used for zip-bomb tests.
struct CraftedZlib {
    private var output: [UInt8] = [0x78, 0x01]
    private var accumulator: UInt64 = 0
    private var pending = 0

    /// The stream for `1 + 258 * matches` zero bytes, with a correct Adler-32.
    static func zeros(matches: Int) -> [UInt8] {
        var writer = CraftedZlib()
        writer.bits(1, count: 1)  // BFINAL
        writer.bits(1, count: 2)  // BTYPE 01: fixed Huffman
        writer.code(0x30, length: 8)  // literal 0
        for _ in 0..<matches {
            writer.code(0xC5, length: 8)  // length code 285 (258), no extra bits
            writer.code(0x00, length: 5)  // distance code 0 (distance 1)
        }
        writer.code(0x00, length: 7)  // end of block (256)
        if writer.pending > 0 { writer.bits(0, count: 8 - writer.pending) }
        let total = UInt64(1 + 258 * matches)
        let adler = UInt32((total % 65521) << 16 | 1)
        writer.output += [
            UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF),
        ]
        return writer.output
    }

    /// Appends `count` bits of `value`, least significant first.
    private mutating func bits(_ value: UInt64, count: Int) {
        accumulator |= value << UInt64(pending)
        pending += count
        while pending >= 8 {
            output.append(UInt8(accumulator & 0xFF))
            accumulator >>= 8
            pending -= 8
        }
    }

    /// Appends a Huffman code, most significant bit first.
    private mutating func code(_ value: UInt64, length: Int) {
        var reversed: UInt64 = 0
        for bit in 0..<length where value & (1 << UInt64(bit)) != 0 { reversed |= 1 << UInt64(length - 1 - bit) }
        bits(reversed, count: length)
    }
}
