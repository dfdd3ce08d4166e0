import EGovCrypto
import Testing

/// Strict conversion between DER and r‖s (IEEE P1363) ECDSA/SM2 signatures.
@Suite struct ECDSASignatureTests {
    static func der(_ r: [UInt8], _ s: [UInt8]) -> [UInt8] {
        let body = [0x02, UInt8(r.count)] + r + [0x02, UInt8(s.count)] + s
        return [0x30, UInt8(body.count)] + body
    }

    static func rejectsDER(
        _ bytes: [UInt8], componentLength: Int = 32, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: CryptoError.self, sourceLocation: sourceLocation) {
            try ECDSASignature.rawRepresentation(fromDER: bytes, componentLength: componentLength)
        }
    }

    @Test(arguments: [SignatureAlgorithm.es256, .es384, .sm2])
    func roundTripsRealSignatures(_ algorithm: SignatureAlgorithm) throws {
        let key = try PrivateKey.generate(for: algorithm)
        let length = try #require(algorithm.componentLength)
        for index in 0..<32 {
            let message: [UInt8] = [UInt8(index), 1, 2, 3]
            let der = try key.signature(for: message, algorithm: algorithm)
            let raw = try ECDSASignature.rawRepresentation(fromDER: der, componentLength: length)
            #expect(raw.count == 2 * length)
            #expect(try ECDSASignature.derRepresentation(fromRaw: raw, componentLength: length) == der)
            #expect(try key.publicKey.isValidSignature(der, for: message, algorithm: algorithm))
        }
    }

    @Test func roundTripsEdgeValues() throws {
        // High bit set (needs a 0x00 pad in DER), leading zeros (shorter DER), and small values.
        let cases: [[UInt8]] = [
            [UInt8](repeating: 0xff, count: 32) + [UInt8](repeating: 0x80, count: 32),
            [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 30) + [0x7f, 0xff],
            [0, 0, 0x80] + [UInt8](repeating: 0x11, count: 29) + [0x01] + [UInt8](repeating: 0x22, count: 31),
        ]
        for raw in cases {
            let der = try ECDSASignature.derRepresentation(fromRaw: raw, componentLength: 32)
            #expect(try ECDSASignature.rawRepresentation(fromDER: der, componentLength: 32) == raw)
        }
        let highBit = try ECDSASignature.derRepresentation(fromRaw: cases[0], componentLength: 32)
        #expect(Array(highBit.prefix(5)) == [0x30, 0x46, 0x02, 0x21, 0x00])
        let small = try ECDSASignature.derRepresentation(fromRaw: cases[1], componentLength: 32)
        #expect(small == [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x7f, 0xff])
    }

    @Test func rejectsWrongRawLengths() {
        for count in [0, 1, 63, 65, 96, 128] {
            #expect(throws: CryptoError.self) {
                try ECDSASignature.derRepresentation(fromRaw: [UInt8](repeating: 1, count: count), componentLength: 32)
            }
        }
        #expect(throws: CryptoError.self) {
            try ECDSASignature.derRepresentation(fromRaw: [UInt8](repeating: 1, count: 64), componentLength: 48)
        }
        #expect(throws: CryptoError.self) {
            try ECDSASignature.derRepresentation(fromRaw: [UInt8](), componentLength: 0)
        }
    }

    @Test func rejectsTrailingBytes() throws {
        let valid = Self.der([0x01], [0x02])
        #expect(try ECDSASignature.rawRepresentation(fromDER: valid, componentLength: 32).count == 64)
        Self.rejectsDER(valid + [0x00])
        Self.rejectsDER(valid + valid)
        // Extra element inside the SEQUENCE.
        Self.rejectsDER([0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x02, 0x01, 0x03])
    }

    @Test func rejectsNonMinimalLengths() {
        // Long-form length where the short form fits (outer and inner).
        Self.rejectsDER([0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02])
        Self.rejectsDER([0x30, 0x07, 0x02, 0x81, 0x01, 0x01, 0x02, 0x01, 0x02])
        Self.rejectsDER([0x30, 0x82, 0x00, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02])
        // Indefinite length (BER only).
        Self.rejectsDER([0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x00, 0x00])
    }

    @Test func rejectsNegativeAndNonMinimalIntegers() {
        Self.rejectsDER(Self.der([0x80], [0x01]))  // negative r
        Self.rejectsDER(Self.der([0x01], [0xff, 0x01]))  // negative s
        Self.rejectsDER(Self.der([0x00, 0x01], [0x01]))  // superfluous leading zero
        Self.rejectsDER(Self.der([0x01], [0x00, 0x00, 0x80]))
        Self.rejectsDER(Self.der([], [0x01]))  // empty INTEGER
        Self.rejectsDER([0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x02])  // OCTET STRING, not INTEGER
        Self.rejectsDER([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02])  // SET, not SEQUENCE
    }

    @Test func rejectsOversizeComponents() {
        let wide = [UInt8](repeating: 0x11, count: 33)
        Self.rejectsDER(Self.der(wide, [0x01]))
        Self.rejectsDER(Self.der([0x01], wide))
        // 0x00-padded 33-byte integer is fine for P-256 ...
        let padded = [0x00] + [UInt8](repeating: 0x81, count: 32)
        #expect(throws: Never.self) {
            try ECDSASignature.rawRepresentation(fromDER: Self.der(padded, padded), componentLength: 32)
        }
        // ... but too wide for a 31-byte component length.
        Self.rejectsDER(Self.der(padded, padded), componentLength: 31)
        // Absurdly long input is refused before parsing.
        Self.rejectsDER([0x30, 0x82, 0x01, 0x00] + [UInt8](repeating: 0, count: 256))
    }

    @Test func rejectsTruncatedInput() {
        let valid = Self.der([0x01], [0x02])
        for end in 0..<valid.count {
            Self.rejectsDER(Array(valid.prefix(end)))
        }
    }
}
