import EGovCertificates
import EGovCore
import Foundation
import Testing

/// draft-ietf-oauth-status-list: the published test vectors and the two worked examples.
@Suite struct StatusListVectorTests {
    /// Each long vector: every index listed in expected.json has its value, and every other of
    /// the 2^20 indices is 0.
    @Test(arguments: [
        "status_list_encoding1_long_json.md", "status_list_encoding2_long_json.md",
        "status_list_encoding4_json.md", "status_list_encoding8_json.md",
    ])
    func longVectorDecodesExactly(_ file: String) throws {
        let expected = try StatusListTestSupport.expectedLongVectors()
        let entry = try #require(expected.vectors[file])
        let vector = try StatusListTestSupport.vector(file)
        #expect(vector.bits == entry.bits)
        let list = try StatusList(bits: vector.bits, encoded: vector.lst)
        #expect(list.bits == entry.bits)
        #expect(list.count == expected.size)
        #expect(list.count == 1 << 20)
        var mismatches = 0
        for index in 0..<list.count {
            let value = try list.value(at: index)
            if value != entry.set[index] ?? 0 { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(list.nonZeroIndices == entry.set)
        let lazy = Array(list.nonZeroEntries)
        #expect(lazy.map(\.index) == entry.set.keys.sorted())
        #expect(lazy.allSatisfy { entry.set[$0.index] == $0.value })
        for (index, value) in entry.set {
            #expect(try list.status(at: index) == CredentialStatus(rawValue: value))
        }
        #expect(throws: StatusListError.indexOutOfRange(index: 1 << 20, count: 1 << 20)) {
            try list.status(at: 1 << 20)
        }

        // The same through the JSON object (with lst unwrapped).
        let json = "{\"bits\": \(vector.bits), \"lst\": \"\(vector.lst)\"}"
        #expect(try StatusList(json: Array(json.utf8)) == list)

        // Our encoder's output decodes back to exactly the same bytes.
        let reencoded = try list.encoded()
        #expect(try StatusList(bits: vector.bits, encoded: reencoded).bytes == list.bytes)
    }

    /// The published text wraps `lst` over several lines; as JSON that is a string with raw
    /// line breaks, which a strict parser refuses rather than repairs.
    @Test func lineWrappedPublishedTextIsNotAcceptedAsJSON() throws {
        let vector = try StatusListTestSupport.vector("status_list_encoding1_long_json.md")
        #expect(vector.text.contains("\n  "))
        #expect(throws: StatusListError.self) { try StatusList(json: Array(vector.text.utf8)) }
        let wrappedLst = try #require(vector.text.range(of: "\"lst\": \"")).upperBound
        let raw = String(vector.text[wrappedLst...].prefix(while: { $0 != "\"" }))
        #expect(throws: StatusListError.invalidBase64URL) { try StatusList(bits: 1, encoded: raw) }
    }

    /// The short vectors decode to their published byte arrays, and our encoder reproduces the
    /// published `lst` exactly.
    @Test(arguments: ["status_list_encoding_json.md", "status_list_encoding2_json.md"])
    func shortVectorDecodesToPublishedBytes(_ file: String) throws {
        let vector = try StatusListTestSupport.vector(file)
        let bytes = try #require(vector.byteArray)
        let jsonStart = try #require(vector.text.firstIndex(of: "{"))
        let list = try StatusList(json: Array(vector.text[jsonStart...].utf8))
        #expect(list.bits == vector.bits)
        #expect(list.bytes == bytes)
        #expect(try list.encoded() == vector.lst)
    }

    /// Worked example 1: bits 1, bytes [0xB9, 0xA3].
    @Test func workedExampleOneBit() throws {
        var list = try StatusList(bits: 1, size: 16)
        let statuses: [UInt8] = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
        for (index, value) in statuses.enumerated() {
            try list.setStatus(CredentialStatus(rawValue: value), at: index)
        }
        #expect(list.bytes == [0xB9, 0xA3])
        let encoded = try list.encoded()
        #expect(StatusListTestSupport.hex(try Base64URL.decode(encoded)) == "78dadbb918000217015d")
        let decoded = try StatusList(bits: 1, encoded: encoded)
        #expect(decoded.bytes == [0xB9, 0xA3])
        #expect(try (0..<16).map { try decoded.value(at: $0) } == statuses)
        #expect(decoded.count == 16)
    }

    /// Worked example 2: bits 2, bytes [0xC9, 0x44, 0xF9], `lst` "eNo76fITAAPfAgc".
    @Test func workedExampleTwoBits() throws {
        let statuses: [UInt8] = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]
        let decoded = try StatusList(bits: 2, encoded: "eNo76fITAAPfAgc")
        #expect(decoded.bytes == [0xC9, 0x44, 0xF9])
        #expect(try (0..<12).map { try decoded.value(at: $0) } == statuses)
        #expect(try decoded.status(at: 0) == .invalid)
        #expect(try decoded.status(at: 1) == .suspended)
        #expect(try decoded.status(at: 2) == .valid)
        #expect(try decoded.status(at: 3) == .applicationSpecific(3))

        var built = try StatusList(bits: 2, size: 12)
        for (index, value) in statuses.enumerated() {
            try built.setStatus(CredentialStatus(rawValue: value), at: index)
        }
        #expect(built.bytes == [0xC9, 0x44, 0xF9])
        #expect(try built.encoded() == "eNo76fITAAPfAgc")
        #expect(try StatusList(bits: 2, encoded: built.encoded()).bytes == [0xC9, 0x44, 0xF9])
    }
}
