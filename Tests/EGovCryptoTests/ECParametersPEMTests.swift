import EGovCrypto
import Foundation
import Testing

/// `openssl ecparam -genkey` writes an `EC PARAMETERS` block before the `EC PRIVATE KEY`:
/// accepted when the parameters name the key's curve, refused otherwise.
@Suite struct ECParametersPEMTests {
    @Test(arguments: [("prime256v1", KeyType.p256), ("secp384r1", KeyType.p384)])
    func ecparamGenkeyFilesLoad(_ curve: String, _ type: KeyType) throws {
        let cli = try OpenSSLCLI()
        try cli.runOK(["ecparam", "-genkey", "-name", curve, "-out", "key.pem"])
        let text = try cli.readText("key.pem")
        #expect(text.hasPrefix("-----BEGIN EC PARAMETERS-----"))
        let key = try PrivateKey(pemRepresentation: text)
        #expect(key.keyType == type)
        try cli.runOK(["ec", "-in", "key.pem", "-pubout", "-out", "pub.pem"])
        #expect(key.publicKey == (try PublicKey(pemRepresentation: try cli.readText("pub.pem"))))
        // -noout gives the single EC PRIVATE KEY block, which loads as before.
        try cli.runOK(["ecparam", "-genkey", "-noout", "-name", curve, "-out", "noout.pem"])
        #expect(try PrivateKey(pemRepresentation: try cli.readText("noout.pem")).keyType == type)
    }

    @Test func mismatchedOrExtraBlocksAreRefused() throws {
        let cli = try OpenSSLCLI()
        try cli.runOK(["ecparam", "-genkey", "-noout", "-name", "prime256v1", "-out", "key.pem"])
        try cli.runOK(["ecparam", "-name", "secp384r1", "-out", "p384.pem"])
        let key = try cli.readText("key.pem")
        let wrongCurve = try cli.readText("p384.pem") + key
        #expect(throws: CryptoError.malformedPEM("the EC PARAMETERS block does not name the key's curve")) {
            try PrivateKey(pemRepresentation: wrongCurve)
        }
        // Key first, parameters second, or two keys: still exactly one block expected.
        let reversed = key + (try cli.readText("p384.pem"))
        #expect(throws: CryptoError.self) { try PrivateKey(pemRepresentation: reversed) }
        #expect(throws: CryptoError.self) { try PrivateKey(pemRepresentation: key + key) }
    }
}
