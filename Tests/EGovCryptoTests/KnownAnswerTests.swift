import EGovCore
import EGovCrypto
import Foundation
import Testing

/// Published known-answer tests: RFC 8032, GB/T 32918 Annex A, SM3, FIPS 180, RFC 4231, RFC 7515.
@Suite struct KnownAnswerTests {
    // MARK: Ed25519 (RFC 8032 section 7.1, TEST 1)

    static let ed25519Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let ed25519Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let ed25519Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"

    @Test func rfc8032Test1SignsAndVerifiesTheEmptyMessage() throws {
        let jwk = JWK(
            kty: "OKP", crv: "Ed25519", x: Base64URL.encode(try TestSupport.hex(Self.ed25519Public)),
            d: Base64URL.encode(try TestSupport.hex(Self.ed25519Secret)))
        let key = try PrivateKey(jwk: jwk)
        #expect(key.keyType == .ed25519)
        // Ed25519 is deterministic: the signature must equal the RFC's byte for byte.
        let signature = try key.signature(for: [UInt8](), algorithm: .edDSA)
        #expect(TestSupport.hexString(signature) == Self.ed25519Signature)
        let expected = try TestSupport.hex(Self.ed25519Signature)
        #expect(try key.publicKey.isValidSignature(expected, for: [UInt8](), algorithm: .edDSA))
        #expect(try !key.publicKey.isValidSignature(expected, for: [0x00], algorithm: .edDSA))
        var tampered = expected
        tampered[63] ^= 0x01
        #expect(try !key.publicKey.isValidSignature(tampered, for: [UInt8](), algorithm: .edDSA))
        // The public JWK alone verifies too.
        let publicKey = try PublicKey(jwk: jwk.publicJWK)
        #expect(publicKey == key.publicKey)
    }

    // MARK: SM2 (GB/T 32918.5 / GM/T 0003.5 Annex A)

    static let sm2Message = Array("message digest".utf8)

    static func annexAPublicKey() throws -> PublicKey {
        try PublicKey(pemRepresentation: TestSupport.resourceText("sm2/gbt32918-annexA-public", "pem"))
    }

    static func annexASignature() throws -> [UInt8] {
        try TestSupport.hex(TestSupport.resourceText("sm2/gbt32918-annexA-signature.der", "hex"))
    }

    @Test func sm2AnnexAVerifiesWithTheDefaultID() throws {
        let key = try Self.annexAPublicKey()
        #expect(key.keyType == .sm2)
        let signature = try Self.annexASignature()
        // r and s from the standard, independent of the .hex resource.
        let raw = try ECDSASignature.rawRepresentation(fromDER: signature, componentLength: 32)
        #expect(
            TestSupport.hexString(raw)
                == "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
                + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa")
        #expect(try key.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2))
        #expect(try key.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: .default))
        #expect(
            try key.isValidSignature(
                signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: SM2DistinguishingID("1234567812345678")))
    }

    @Test func sm2AnnexAFailsWithAnotherID() throws {
        let key = try Self.annexAPublicKey()
        let signature = try Self.annexASignature()
        #expect(
            try !key.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: SM2DistinguishingID("")))
        #expect(
            try !key.isValidSignature(
                signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: SM2DistinguishingID("ALICE123@YAHOO.COM")))
        #expect(try !key.isValidSignature(signature, for: Array("message digesT".utf8), algorithm: .sm2))
    }

    @Test func sm2AnnexAPrivateKeySignsAndVerifies() throws {
        // SM2 signing uses a random k, so the Annex A signature cannot be reproduced; sign and
        // verify with the Annex A key instead, under the default and a custom ID.
        let key = try PrivateKey(pemRepresentation: TestSupport.resourceText("sm2/gbt32918-annexA-private", "pem"))
        #expect(key.keyType == .sm2)
        #expect(key.publicKey == (try Self.annexAPublicKey()))
        let d = try #require(try key.jwk().d)
        #expect(
            TestSupport.hexString(try TestSupport.b64u(d))
                == "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8")
        let first = try key.signature(for: Self.sm2Message, algorithm: .sm2)
        let second = try key.signature(for: Self.sm2Message, algorithm: .sm2)
        #expect(first != second, "SM2 signatures are randomised")
        for signature in [first, second] {
            #expect(try key.publicKey.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2))
            #expect(
                try !key.publicKey.isValidSignature(
                    signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: SM2DistinguishingID("")))
        }
        let custom = try SM2DistinguishingID("ALICE123@YAHOO.COM")
        let signature = try key.signature(for: Self.sm2Message, algorithm: .sm2, sm2ID: custom)
        #expect(try key.publicKey.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2, sm2ID: custom))
        #expect(try !key.publicKey.isValidSignature(signature, for: Self.sm2Message, algorithm: .sm2))
    }

    // MARK: Digests

    @Test func sm3() throws {
        #expect(
            TestSupport.hexString(HashAlgorithm.sm3.hash(Array("abc".utf8)))
                == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
        let abcd16 = Array(String(repeating: "abcd", count: 16).utf8)
        #expect(
            TestSupport.hexString(HashAlgorithm.sm3.hash(abcd16))
                == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
        // The streaming form gives the same answer when fed in pieces.
        var hasher = try StreamingHasher(.sm3)
        try hasher.update(abcd16[0..<7])
        try hasher.update(abcd16[7...])
        #expect(
            TestSupport.hexString(try hasher.finalize())
                == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    @Test func fips180ABC() throws {
        let abc = Array("abc".utf8)
        #expect(
            TestSupport.hexString(HashAlgorithm.sha256.hash(abc))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            TestSupport.hexString(HashAlgorithm.sha384.hash(abc))
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7")
        #expect(
            TestSupport.hexString(HashAlgorithm.sha512.hash(abc))
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        for algorithm in HashAlgorithm.allCases {
            #expect(try algorithm.digest(of: abc) == algorithm.hash(abc))
            #expect(algorithm.hash(abc).count == algorithm.outputLength)
        }
    }

    // MARK: HMAC-SHA-256 (RFC 4231)

    struct HMACCase: Sendable, CustomTestStringConvertible {
        let number: Int
        let key: [UInt8]
        let data: [UInt8]
        let tag: String
        var testDescription: String { "RFC 4231 test case \(number)" }
    }

    static let hmacCases: [HMACCase] = [
        HMACCase(
            number: 1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
            tag: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACCase(
            number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
            tag: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACCase(
            number: 3, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
            tag: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACCase(
            number: 4, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
            tag: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACCase(
            number: 6, key: [UInt8](repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            tag: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACCase(
            number: 7, key: [UInt8](repeating: 0xaa, count: 131),
            data: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data."
                    + " The key needs to be hashed before being used by the HMAC algorithm.").utf8),
            tag: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: KnownAnswerTests.hmacCases)
    func hmacSHA256(_ test: HMACCase) throws {
        let tag = try HMACSHA256.authenticationCode(for: test.data, key: test.key)
        #expect(TestSupport.hexString(tag) == test.tag)
        #expect(try HMACSHA256.isValidAuthenticationCode(TestSupport.hex(test.tag), for: test.data, key: test.key))
        var wrong = try TestSupport.hex(test.tag)
        wrong[0] ^= 0x80
        #expect(try !HMACSHA256.isValidAuthenticationCode(wrong, for: test.data, key: test.key))
        #expect(try !HMACSHA256.isValidAuthenticationCode(wrong.prefix(16), for: test.data, key: test.key))
    }

    // MARK: JWS ES256 (RFC 7515 appendix A.3), at the raw level

    static let rfc7515JWK = #"""
        {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}
        """#
    static let rfc7515SigningInput =
        "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    static let rfc7515Signature =
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"

    @Test func rfc7515AppendixA3() throws {
        let key = try PublicKey(jwk: JWK(jsonString: Self.rfc7515JWK))
        #expect(key.keyType == .p256)
        let raw = try TestSupport.b64u(Self.rfc7515Signature)
        #expect(raw.count == 64)
        let der = try ECDSASignature.derRepresentation(fromRaw: raw, componentLength: 32)
        #expect(try ECDSASignature.rawRepresentation(fromDER: der, componentLength: 32) == raw)
        let input = Array(Self.rfc7515SigningInput.utf8)
        #expect(try key.isValidSignature(der, for: input, algorithm: .es256))
        #expect(try !key.isValidSignature(der, for: input.dropLast(), algorithm: .es256))
        // The raw r‖s form is not DER and must not verify as such.
        #expect(try !key.isValidSignature(raw, for: input, algorithm: .es256))
        #expect(throws: CryptoError.self) { try key.isValidSignature(der, for: input, algorithm: .es384) }
    }
}
