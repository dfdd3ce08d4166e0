import EGovCrypto
import Foundation
import Testing

@Suite struct SmokeTests {
    @Test func gbtAnnexAVerifies() throws {
        let pem = try String(contentsOf: #require(Bundle.module.url(forResource: "Resources/sm2/gbt32918-annexA-public", withExtension: "pem")), encoding: .utf8)
        let key = try PublicKey(pemRepresentation: pem)
        #expect(key.keyType == .sm2)
        let hex = try String(contentsOf: #require(Bundle.module.url(forResource: "Resources/sm2/gbt32918-annexA-signature.der", withExtension: "hex")), encoding: .utf8)
        var sig = [UInt8](); var it = hex.trimmingCharacters(in: .whitespacesAndNewlines).makeIterator()
        while let a = it.next(), let b = it.next() { sig.append(UInt8(String([a, b]), radix: 16)!) }
        #expect(try key.isValidSignature(sig, for: Array("message digest".utf8), algorithm: .sm2))
        #expect(try !key.isValidSignature(sig, for: Array("message digest".utf8), algorithm: .sm2, sm2ID: SM2DistinguishingID("")))
        for t in [KeyType.p256, .p384, .ed25519, .sm2, .rsa(bits: 2048)] {
            let k = try PrivateKey.generate(t)
            let alg = SignatureAlgorithm.allCases.first { $0.isCompatible(with: t) }!
            let s = try k.signature(for: [1, 2, 3], algorithm: alg)
            #expect(try k.publicKey.isValidSignature(s, for: [1, 2, 3], algorithm: alg))
            let re = try PrivateKey(pemRepresentation: k.pkcs8PEMRepresentation())
            #expect(re.publicKey == k.publicKey)
        }
        #expect(HashAlgorithm.sm3.hash(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }
}
