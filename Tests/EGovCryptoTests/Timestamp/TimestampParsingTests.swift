import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Truncated, garbage, oversized and trailing-byte inputs: typed errors, never traps.
@Suite struct TimestampParsingTests {
    enum Kind: String, CaseIterable, Sendable { case request, response, token }

    static func parse(_ kind: Kind, _ bytes: [UInt8]) throws {
        switch kind {
        case .request: _ = try TimeStampRequest(derRepresentation: bytes)
        case .response: _ = try TimeStampResponse(derRepresentation: bytes)
        case .token: _ = try TimeStampToken(derRepresentation: bytes)
        }
    }

    static func valid(_ kind: Kind) throws -> [UInt8] {
        let fixture = try TimeStampFixture()
        let request = try TimeStampRequest.forData(TimeStampFixture.data)
        switch kind {
        case .request: return request.derRepresentation
        case .response: return try fixture.tsa.authority.respond(to: request.derRepresentation)
        case .token: return try fixture.token(for: TimeStampFixture.data).derRepresentation
        }
    }

    @Test(arguments: Kind.allCases)
    func badInputIsATypedError(_ kind: Kind) throws {
        let valid = try Self.valid(kind)
        try Self.parse(kind, valid)
        let limit = kind == .request ? 64 * 1024 : 1024 * 1024
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "crypto.tsp.malformed"),
            ("garbage", Array("garbage, not DER".utf8), "crypto.tsp.malformed"),
            ("wrong structure", [0x30, 0x03, 0x02, 0x01, 0x00], "crypto.tsp.malformed"),
            ("truncated", Array(valid.dropLast(1)), "crypto.tsp.malformed"),
            ("half", Array(valid.prefix(valid.count / 2)), "crypto.tsp.malformed"),
            ("trailing byte", valid + [0x00], "crypto.tsp.malformed"),
            ("oversized", valid + Array(repeating: 0, count: limit), "crypto.tsp.input_too_large"),
        ]
        for (name, bytes, code) in cases {
            let error = timeStampError { try Self.parse(kind, bytes) }
            #expect(error?.code == code, "\(kind) \(name): \(String(describing: error))")
        }
    }

    @Test(arguments: Kind.allCases)
    func everyTruncationIsRefused(_ kind: Kind) throws {
        let valid = try Self.valid(kind)
        for length in stride(from: 0, to: valid.count, by: max(1, valid.count / 97)) {
            #expect(
                timeStampError { try Self.parse(kind, Array(valid.prefix(length))) } != nil, "\(kind) prefix \(length)")
        }
    }

    @Test func requestWithUnsupportedAlgorithmIsTyped() throws {
        // A SHA-1 TimeStampReq (as `openssl ts -query -sha1` produces): imprint OID 1.3.14.3.2.26.
        let valid = try TimeStampRequest(
            digest: HashAlgorithm.sha256.hash(TimeStampFixture.data), hashAlgorithm: .sha256, nonce: nil)
        var der = valid.derRepresentation
        let sha256OID: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
        let index = try #require(
            (0...(der.count - sha256OID.count)).first { Array(der[$0..<($0 + sha256OID.count)]) == sha256OID })
        // Same length: 2.16.840.1.101.3.4.2.4 (SHA-224) is not supported.
        der[index + sha256OID.count - 1] = 0x04
        #expect(
            timeStampError { _ = try TimeStampRequest(derRepresentation: der) }
                == .unsupportedHashAlgorithm("2.16.840.1.101.3.4.2.4"))
    }

    @Test func responseFromATokenIsNotAResponse() throws {
        let token = try Self.valid(.token)
        #expect(timeStampError { _ = try TimeStampResponse(derRepresentation: token) }?.code == "crypto.tsp.malformed")
        let request = try Self.valid(.request)
        #expect(timeStampError { _ = try TimeStampToken(derRepresentation: request) }?.code == "crypto.tsp.malformed")
    }
}
