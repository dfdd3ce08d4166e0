import EGovCertificates
import EGovCore
import Foundation
import Testing

/// The Status List data structure: bit layout, encoding round trips, and refusal of malformed
/// or oversized `lst`.
@Suite struct StatusListTests {
    @Test(arguments: [1, 2, 4, 8])
    func roundTripEveryBitWidth(_ bits: Int) throws {
        var list = try StatusList(bits: bits, size: 1001)
        #expect(list.count >= 1001 && list.count == list.bytes.count * 8 / bits)
        #expect(list.count - 1001 < 8 / bits)
        let maximum = (1 << bits) - 1
        var expected: [Int: UInt8] = [:]
        for index in stride(from: 0, to: 1001, by: 7) {
            let value = UInt8((index * 5 + 1) % (maximum + 1))
            try list.setStatus(CredentialStatus(rawValue: value), at: index)
            if value != 0 { expected[index] = value }
        }
        // Overwriting leaves the neighbours alone.
        try list.setStatus(CredentialStatus(rawValue: UInt8(maximum)), at: 500)
        try list.setStatus(.valid, at: 500)
        expected[500] = nil
        #expect(list.nonZeroIndices == expected)

        let decoded = try StatusList(bits: bits, encoded: list.encoded())
        #expect(decoded == list)
        #expect(decoded.bytes == list.bytes)
        for index in 0..<decoded.count { #expect(try decoded.value(at: index) == expected[index] ?? 0) }

        list.aggregationURI = "https://status.example.gov/aggregation"
        let json = try CanonicalJSON.serialize(list.jsonValue)
        let parsed = try StatusList(json: json)
        #expect(parsed == list)
        #expect(parsed.aggregationURI == "https://status.example.gov/aggregation")
    }

    @Test func bitLayoutIsLeastSignificantFirst() throws {
        var list = try StatusList(bits: 4, size: 4)
        try list.setStatus(.applicationSpecific(0x0C), at: 0)
        try list.setStatus(.invalid, at: 1)
        try list.setStatus(.suspended, at: 3)
        #expect(list.bytes == [0x1C, 0x20])
        var eight = try StatusList(bits: 8, size: 2)
        try eight.setStatus(.applicationSpecific(0xFF), at: 1)
        #expect(eight.bytes == [0x00, 0xFF])
        #expect(try eight.status(at: 1) == .applicationSpecific(0xFF))
    }

    @Test func invalidParametersAreRefused() throws {
        #expect(throws: StatusListError.invalidBits(3)) { try StatusList(bits: 3, size: 8) }
        #expect(throws: StatusListError.invalidBits(16)) { try StatusList(bits: 16, encoded: "eNo76fITAAPfAgc") }
        #expect(throws: StatusListError.invalidBits(0)) { try StatusList(bits: 0, bytes: [0]) }
        #expect(throws: StatusListError.invalidSize(0)) { try StatusList(bits: 1, size: 0) }
        #expect(throws: StatusListError.invalidSize(-5)) { try StatusList(bits: 1, size: -5) }
        #expect(throws: StatusListError.invalidSize((16 << 20) + 1)) { try StatusList(bits: 8, size: (16 << 20) + 1) }
        #expect(throws: StatusListError.emptyList) { try StatusList(bits: 1, bytes: []) }
        expectStatusListError(code: "certificates.status_list.invalid_bits") {
            _ = try StatusList(bits: 5, size: 1)
        }
    }

    @Test func indexOutOfRangeIsRefused() throws {
        var list = try StatusList(bits: 2, size: 12)
        #expect(throws: StatusListError.indexOutOfRange(index: 12, count: 12)) { try list.status(at: 12) }
        #expect(throws: StatusListError.indexOutOfRange(index: -1, count: 12)) { try list.status(at: -1) }
        #expect(throws: StatusListError.indexOutOfRange(index: Int.max, count: 12)) { try list.status(at: Int.max) }
        #expect(throws: StatusListError.indexOutOfRange(index: 12, count: 12)) { try list.setStatus(.invalid, at: 12) }
        #expect(throws: StatusListError.valueTooLarge(value: 4, bits: 2)) {
            try list.setStatus(.applicationSpecific(4), at: 0)
        }
        var one = try StatusList(bits: 1, size: 8)
        #expect(throws: StatusListError.valueTooLarge(value: 2, bits: 1)) { try one.setStatus(.suspended, at: 0) }
    }

    @Test func malformedBase64URLIsRefused() {
        for bad in [
            "eNo76fITAAPfAgc=", "eNo76fITAAPf+gc", "eNo76fITAAPf/gc", "eNo76fIT AAPfAgc", "eNo76fIT\nAAPfAgc", "e",
        ] {
            #expect(throws: StatusListError.invalidBase64URL) { try StatusList(bits: 2, encoded: bad) }
        }
        // Non-canonical trailing bits ("eNo76fITAAPfAgc" ends in 'c'; 'd' differs only there).
        #expect(throws: StatusListError.invalidBase64URL) { try StatusList(bits: 2, encoded: "eNo76fITAAPfAgd") }
    }

    @Test func nonZlibDataIsRefused() throws {
        let valid = try Base64URL.decode("eNo76fITAAPfAgc")
        let cases: [(String, [UInt8])] = [
            ("plain text", Array("hello world".utf8)),
            ("raw DEFLATE without the zlib header", Array(valid.dropFirst(2).dropLast(4))),
            ("gzip", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03] + Array(valid.dropFirst(2).dropLast(4))),
            ("trailing garbage", valid + [0x00]),
            ("a second stream after the first", valid + valid),
            ("truncated", Array(valid.dropLast())),
            ("truncated inside the data", Array(valid.prefix(5))),
            ("bad checksum", Array(valid.dropLast()) + [valid[valid.count - 1] ^ 0x01]),
            ("bad header check", [0x78, 0xDB] + Array(valid.dropFirst(2))),
            ("preset dictionary", [0x78, 0xF9, 0, 0, 0, 1] + Array(valid.dropFirst(2))),
            ("header only", [0x78, 0xDA]),
        ]
        for (name, bytes) in cases {
            expectStatusListError(code: "certificates.status_list.invalid_compression", "\(name)") {
                _ = try StatusList(bits: 2, encoded: Base64URL.encode(bytes))
            }
        }
    }

    /// With 1, 2, 4 or 8 bits every whole byte holds whole entries, so the only decompressed
    /// size inconsistent with `bits` is none at all: an empty list is refused.
    @Test func decompressedSizeInconsistentWithBitsIsRefused() throws {
        let emptyStream: [UInt8] = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]
        for bits in [1, 2, 4, 8] {
            #expect(throws: StatusListError.emptyList) {
                try StatusList(bits: bits, encoded: Base64URL.encode(emptyStream))
            }
        }
        #expect(throws: StatusListError.invalidBits(3)) { try StatusList(bits: 3, encoded: "eNo76fITAAPfAgc") }
        #expect(throws: StatusListError.invalidBits(3)) {
            try StatusList(json: Array(#"{"bits":3,"lst":"eNo76fITAAPfAgc"}"#.utf8))
        }
    }

    @Test func malformedJSONIsRefused() {
        let cases = [
            #"{"bits":2.5,"lst":"eNo76fITAAPfAgc"}"#,
            #"{"bits":"2","lst":"eNo76fITAAPfAgc"}"#,
            #"{"lst":"eNo76fITAAPfAgc"}"#,
            #"{"bits":2}"#,
            #"{"bits":2,"lst":7}"#,
            #"{"bits":2,"lst":"eNo76fITAAPfAgc","aggregation_uri":1}"#,
            #"{"bits":2,"bits":2,"lst":"eNo76fITAAPfAgc"}"#,
            #"[2,"eNo76fITAAPfAgc"]"#,
            #"{"bits":2,"lst":"eNo76fITAAPfAgc"} x"#,
        ]
        for text in cases {
            expectStatusListError(code: "certificates.status_list.invalid_json", "\(text)") {
                _ = try StatusList(json: Array(text.utf8))
            }
        }
    }

    /// The hand-made stream inflates as intended, so the zip-bomb test below is meaningful.
    @Test func craftedStreamDecodes() throws {
        let list = try StatusList(bits: 8, encoded: Base64URL.encode(CraftedZlib.zeros(matches: 4)))
        #expect(list.count == 1 + 4 * 258)
        #expect(list.nonZeroIndices.isEmpty)
    }

    /// A list of exactly 16 MiB is accepted; one byte more is refused, and a 256 MiB bomb of a
    /// few hundred kilobytes is refused without inflating it all.
    @Test func zipBombsAreRefused() throws {
        // 1 + 258 * 65027 = 16 776 967 bytes: under 16 MiB (16 777 216).
        let under = try StatusList(bits: 8, encoded: Base64URL.encode(CraftedZlib.zeros(matches: 65_027)))
        #expect(under.bytes.count == 16_776_967)
        // 1 + 258 * 65028 = 16 777 225 bytes: over.
        #expect(throws: StatusListError.decompressedTooLarge(limit: 16 << 20)) {
            try StatusList(bits: 8, encoded: Base64URL.encode(CraftedZlib.zeros(matches: 65_028)))
        }
        let bomb = CraftedZlib.zeros(matches: (256 << 20) / 258)
        #expect(bomb.count < 2 << 20)
        let started = ContinuousClock.now
        #expect(throws: StatusListError.decompressedTooLarge(limit: 16 << 20)) {
            try StatusList(bits: 1, encoded: Base64URL.encode(bomb))
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func compressedInputOverTheLimitIsRefusedBeforeDecoding() {
        let tooLong = String(repeating: "A", count: ((8 << 20) * 4 + 2) / 3 + 1)
        #expect(throws: StatusListError.compressedTooLarge(limit: 8 << 20)) {
            try StatusList(bits: 1, encoded: tooLong)
        }
    }

    @Test func credentialStatusValuesAndNames() throws {
        #expect(CredentialStatus(rawValue: 0) == .valid)
        #expect(CredentialStatus(rawValue: 1) == .invalid)
        #expect(CredentialStatus(rawValue: 2) == .suspended)
        #expect(CredentialStatus(rawValue: 3) == .applicationSpecific(3))
        #expect(CredentialStatus.applicationSpecific(1) == .invalid)
        #expect(CredentialStatus.suspended.rawValue == 2)
        #expect(CredentialStatus(rawValue: 0x0F).name == "0x0F")
        let encoded = try JSONEncoder().encode([CredentialStatus.valid, .invalid, .suspended, .applicationSpecific(12)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["valid","invalid","suspended","0x0C"]"#)
        #expect(
            try JSONDecoder().decode([CredentialStatus].self, from: encoded) == [
                .valid, .invalid, .suspended, .applicationSpecific(12),
            ])
        for bad in [#"["revoked"]"#, #"["0x01"]"#, #"["0x0c"]"#, #"["0xC"]"#, #"[3]"#] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([CredentialStatus].self, from: Data(bad.utf8))
            }
        }
    }

    @Test func statusReferenceClaim() throws {
        let claim = try JSONValue.parse(#"{"status_list":{"idx":7,"uri":"https://status.example.gov/statuslists/1"}}"#)
        let reference = try StatusReference(claim: claim)
        #expect(reference.index == 7)
        #expect(reference.uri == "https://status.example.gov/statuslists/1")
        #expect(reference.jsonValue == claim)
        let coded = try JSONDecoder().decode(StatusReference.self, from: JSONEncoder().encode(reference))
        #expect(coded == reference)
        let bad = [
            #"{"status_list":{"idx":-1,"uri":"https://a.example/1"}}"#,
            #"{"status_list":{"idx":1.5,"uri":"https://a.example/1"}}"#,
            #"{"status_list":{"idx":"1","uri":"https://a.example/1"}}"#,
            #"{"status_list":{"idx":1}}"#,
            #"{"status_list":{"idx":1,"uri":"not a uri"}}"#,
            #"{"status_list":{"idx":1,"uri":""}}"#,
            #"{"status_list":[1,"https://a.example/1"]}"#,
            #"{"other":{}}"#,
            #"[]"#,
        ]
        for text in bad {
            expectStatusListError(code: "certificates.status_list.invalid_reference", "\(text)") {
                _ = try StatusReference(claim: JSONValue.parse(text))
            }
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StatusReference.self, from: Data(#"{"idx":1.5,"uri":"https://a.example/1"}"#.utf8))
        }
        #expect(throws: StatusListError.self) {
            try JSONDecoder().decode(StatusReference.self, from: Data(#"{"idx":-1,"uri":"https://a.example/1"}"#.utf8))
        }
    }
}
