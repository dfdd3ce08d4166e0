import EGovCrypto
import Foundation
import Testing

/// Project Wycheproof signature-verification vectors (C2SP, testvectors_v1, Apache-2.0; see
/// Resources/wycheproof/LICENSE).
///
/// Every `valid` case must verify and every `invalid` case must be refused. Keys are imported
/// from `publicKeyDer`; a key EGovKit refuses at import counts as a rejection for `invalid` cases
/// but fails the test when a `valid` case needs it. `acceptable` cases follow the per-file
/// decision in ``Vector/acceptableDecision`` (documented in Documentation/Crypto.md).
@Suite struct WycheproofTests {
    struct File: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct Group: Decodable {
        let publicKeyDer: String
        let tests: [Case]
    }

    struct Case: Decodable {
        let tcId: Int
        let comment: String
        let flags: [String]
        let msg: String
        let sig: String
        let result: String
    }

    enum SignatureForm: Sendable { case der, p1363, native }

    /// One vector file and what EGovKit is expected to do with it.
    struct Vector: Sendable, CustomTestStringConvertible {
        let file: String
        let algorithm: SignatureAlgorithm
        let form: SignatureForm
        let valid: Int
        let invalid: Int
        /// For each flag that appears on an `acceptable` case: whether EGovKit accepts it.
        let acceptableDecision: [String: Bool]
        let acceptable: Int

        var testDescription: String { file }
    }

    struct Tally: CustomStringConvertible {
        var validAccepted = 0
        var validTotal = 0
        var invalidRejected = 0
        var invalidTotal = 0
        var acceptableTotal = 0
        var acceptableAccepted = 0
        var refusedKeys = 0
        var failures: [String] = []

        var description: String {
            "valid \(validAccepted)/\(validTotal) accepted, invalid \(invalidRejected)/\(invalidTotal) rejected, "
                + "acceptable \(acceptableTotal) (\(acceptableAccepted) accepted), keys refused at import: \(refusedKeys)"
        }
    }

    static let vectors: [Vector] = [
        Vector(
            file: "ecdsa_secp256r1_sha256_test", algorithm: .es256, form: .der, valid: 174, invalid: 310,
            acceptableDecision: [:], acceptable: 0),
        Vector(
            file: "ecdsa_secp256r1_sha256_p1363_test", algorithm: .es256, form: .p1363, valid: 173, invalid: 89,
            acceptableDecision: [:], acceptable: 0),
        Vector(
            file: "ecdsa_secp384r1_sha384_test", algorithm: .es384, form: .der, valid: 194, invalid: 310,
            acceptableDecision: [:], acceptable: 0),
        Vector(
            file: "ed25519_test", algorithm: .edDSA, form: .native, valid: 88, invalid: 63,
            acceptableDecision: [:], acceptable: 0),
        Vector(
            file: "rsa_pss_2048_sha256_mgf1_32_test", algorithm: .ps256, form: .native, valid: 63, invalid: 45,
            acceptableDecision: [:], acceptable: 0),
        // MissingNull: a DigestInfo whose AlgorithmIdentifier omits the NULL parameters.
        Vector(
            file: "rsa_signature_2048_sha256_test", algorithm: .rs256, form: .native, valid: 9, invalid: 249,
            acceptableDecision: ["MissingNull": false], acceptable: 1),  // rejected: see acceptableCasesFollowTheDecision
    ]

    static func run(_ vector: Vector) throws -> Tally {
        let file = try JSONDecoder().decode(File.self, from: TestSupport.resource("wycheproof/\(vector.file)", "json"))
        var tally = Tally()
        for group in file.testGroups {
            let key: PublicKey?
            var importError = ""
            do {
                key = try PublicKey(derRepresentation: TestSupport.hex(group.publicKeyDer))
            } catch {
                key = nil
                importError = "\(error)"
                tally.refusedKeys += 1
            }
            for test in group.tests {
                let accepted: Bool
                if let key {
                    accepted = try verify(test, key: key, vector: vector, tally: &tally)
                } else {
                    accepted = false
                    if test.result == "valid" {
                        tally.failures.append(
                            "tc \(test.tcId): valid case needs a key refused at import (\(importError))")
                    }
                }
                switch test.result {
                case "valid":
                    tally.validTotal += 1
                    if accepted {
                        tally.validAccepted += 1
                    } else {
                        tally.failures.append("tc \(test.tcId) valid but rejected: \(test.comment) \(test.flags)")
                    }
                case "invalid":
                    tally.invalidTotal += 1
                    if !accepted {
                        tally.invalidRejected += 1
                    } else {
                        tally.failures.append("tc \(test.tcId) invalid but accepted: \(test.comment) \(test.flags)")
                    }
                default:
                    tally.acceptableTotal += 1
                    if accepted { tally.acceptableAccepted += 1 }
                    let decisions = Set(test.flags.compactMap { vector.acceptableDecision[$0] })
                    if decisions.count != 1 {
                        tally.failures.append("tc \(test.tcId) acceptable with undecided flags \(test.flags)")
                    } else if decisions.first != accepted {
                        tally.failures.append(
                            "tc \(test.tcId) acceptable \(test.flags): expected \(decisions.first == true ? "accept" : "reject")"
                        )
                    }
                }
            }
        }
        return tally
    }

    static func verify(_ test: Case, key: PublicKey, vector: Vector, tally: inout Tally) throws -> Bool {
        let message = try TestSupport.hex(test.msg)
        var signature = try TestSupport.hex(test.sig)
        if vector.form == .p1363 {
            do {
                signature = try ECDSASignature.derRepresentation(fromRaw: signature, componentLength: 32)
            } catch {
                return false  // a signature that is not 64 bytes is rejected before verification
            }
        }
        do {
            return try key.isValidSignature(signature, for: message, algorithm: vector.algorithm)
        } catch {
            tally.failures.append("tc \(test.tcId): verification threw \(error)")
            return false
        }
    }

    @Test(arguments: WycheproofTests.vectors)
    func vectorFile(_ vector: Vector) throws {
        let tally = try Self.run(vector)
        print("Wycheproof \(vector.file): \(tally)")
        #expect(tally.failures.isEmpty, "\(vector.file): \(tally.failures.joined(separator: "; "))")
        #expect(tally.validTotal == vector.valid)
        #expect(tally.invalidTotal == vector.invalid)
        #expect(tally.acceptableTotal == vector.acceptable)
        #expect(tally.validAccepted == vector.valid, "every valid case must be accepted")
        #expect(tally.invalidRejected == vector.invalid, "every invalid case must be rejected")
    }

    /// The one `acceptable` case in these files (rsa_signature_2048_sha256_test tcId 8,
    /// flag MissingNull) is rejected: OpenSSL 3 compares the full DER DigestInfo, which carries
    /// the NULL parameters (RFC 8017 section 9.2), and EGovKit keeps that strict behaviour.
    @Test func acceptableCasesFollowTheDecision() throws {
        let file = try JSONDecoder().decode(
            File.self, from: TestSupport.resource("wycheproof/rsa_signature_2048_sha256_test", "json"))
        var checked = 0
        for group in file.testGroups {
            let key = try PublicKey(derRepresentation: TestSupport.hex(group.publicKeyDer))
            for test in group.tests where test.result == "acceptable" {
                #expect(test.flags == ["MissingNull"])
                let valid = try key.isValidSignature(
                    TestSupport.hex(test.sig), for: TestSupport.hex(test.msg), algorithm: .rs256)
                #expect(!valid, "tc \(test.tcId) (MissingNull) must be rejected")
                checked += 1
            }
        }
        #expect(checked == 1)
        for vector in Self.vectors where vector.file != "rsa_signature_2048_sha256_test" {
            #expect(vector.acceptable == 0, "\(vector.file) has no acceptable cases to decide")
        }
    }
}
