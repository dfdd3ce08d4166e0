import EGovCore
import EGovCrypto
import EGovInterop
import EGovTesting
import Foundation
import Testing

@Suite("Envelope signing and tamper detection")
struct EnvelopeTamperTests {
    struct Setup {
        let pki: TestPKI
        let signer: EnvelopeSigner
        let verifier: EnvelopeVerifier
        let compact: String

        init(algorithm: TestPKI.Algorithm = .p256) async throws {
            pki = try TestPKI(algorithm: algorithm, leafProfile: .organisationSeal)
            let keyAlgorithm = EnvelopeAlgorithm.algorithm(for: pki.leaf.certificate.publicKey.keyType)
            signer = try EnvelopeSigner(
                key: try pki.leaf.privateKey.signingKey(for: keyAlgorithm),
                certificateChain: [pki.leaf.certificate, pki.intermediate.certificate])
            verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: [pki.root.certificate]))
            compact = try await signer.sign(
                .object(["issuedAt": .string("2026-01-01T00:00:00Z"), "hello": .string("world")]), type: .request)
        }
    }

    func expectFailure(_ code: InteropError.Code, _ verifier: EnvelopeVerifier, _ compact: String, type: EnvelopeType = .request)
        async
    {
        do {
            _ = try await verifier.verify(compact, type: type)
            Issue.record("expected \(code.rawValue)")
        } catch {
            #expect(error.failure == code, "\(error)")
        }
    }

    /// Replaces the protected header, keeping payload and signature.
    func withHeader(_ compact: String, _ edit: (inout [String: JSONValue]) -> Void) throws -> String {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard case .object(var header) = try JSONValue.parse(try Base64URL.decode(parts[0])) else {
            throw InteropError(.malformedRequest, "test")
        }
        edit(&header)
        return Base64URL.encode(try CanonicalJSON.serialize(.object(header))) + "." + parts[1] + "." + parts[2]
    }

    @Test("a signed envelope verifies; the algorithm follows the certificate key", arguments: [TestPKI.Algorithm.p256, .p384])
    func roundTrip(algorithm: TestPKI.Algorithm) async throws {
        let setup = try await Setup(algorithm: algorithm)
        let verified = try await setup.verifier.verify(setup.compact, type: .request)
        #expect(verified.payload["hello"] == .string("world"))
        #expect(verified.signer == setup.pki.leaf.certificate)
        #expect(verified.algorithm == (algorithm == .p256 ? .es256 : .es384))
        #expect(verified.chain.last == setup.pki.root.certificate)
    }

    @Test("header alg changed: refused (the algorithm comes from the certificate)")
    func algorithmChanged() async throws {
        let setup = try await Setup()
        let es384 = try withHeader(setup.compact) { $0["alg"] = .string("ES384") }
        await expectFailure(.signatureInvalid, setup.verifier, es384)
        let none = try withHeader(setup.compact) { $0["alg"] = .string("none") }
        await expectFailure(.malformedRequest, setup.verifier, none)
        let hmac = try withHeader(setup.compact) { $0["alg"] = .string("HS256") }
        await expectFailure(.malformedRequest, setup.verifier, hmac)
    }

    @Test("x5c swapped for another trusted certificate: the signature no longer verifies")
    func certificateSwapped() async throws {
        let setup = try await Setup()
        let other = try setup.pki.issueLeaf(profile: .organisationSeal)
        let swapped = try withHeader(setup.compact) { header in
            header["x5c"] = .array([other.certificate, setup.pki.intermediate.certificate].map { certificate in
                .string(Data(certificate.derRepresentation).base64EncodedString())
            })
        }
        await expectFailure(.signatureInvalid, setup.verifier, swapped)
        let removed = try withHeader(setup.compact) { $0["x5c"] = nil }
        await expectFailure(.signatureInvalid, setup.verifier, removed)
    }

    @Test("a signer from another PKI: valid signature, untrusted chain")
    func untrusted() async throws {
        let setup = try await Setup()
        let foreign = try await Setup()
        await expectFailure(.certificateInvalid, setup.verifier, foreign.compact)
    }

    @Test("signature bit flipped, payload edited, typ confused, truncated")
    func tampered() async throws {
        let setup = try await Setup()
        var bytes = Array(setup.compact.utf8)
        let last = bytes.count - 5
        bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        await expectFailure(.signatureInvalid, setup.verifier, String(decoding: bytes, as: UTF8.self))
        let edited = String(decoding: flipPayloadBit(Array(setup.compact.utf8)), as: UTF8.self)
        await expectFailure(.signatureInvalid, setup.verifier, edited)
        await expectFailure(.signatureInvalid, setup.verifier, setup.compact, type: .response)
        await expectFailure(.malformedRequest, setup.verifier, String(setup.compact.dropLast(setup.compact.count / 2)))
        await expectFailure(.malformedRequest, setup.verifier, "")
    }

    @Test("the signer refuses a key that is not the certificate's, or the wrong algorithm for it")
    func signerBinding() throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let other = try PrivateKey.generate(.p256)
        #expect(throws: InteropError.self) {
            try EnvelopeSigner(key: try other.signingKey(for: .es256), certificateChain: [pki.leaf.certificate])
        }
        #expect(throws: InteropError.self) { try EnvelopeSigner(key: try other.signingKey(for: .es256), certificateChain: []) }
        let rsa = try TestPKI(algorithm: .rsa, leafProfile: .organisationSeal)
        #expect(throws: InteropError.self) {
            try EnvelopeSigner(key: try rsa.leaf.privateKey.signingKey(for: .rs256), certificateChain: [rsa.leaf.certificate])
        }
        #expect(
            try EnvelopeSigner(key: try rsa.leaf.privateKey.signingKey(for: .ps256), certificateChain: [rsa.leaf.certificate])
                .algorithm == .ps256)
    }
}
