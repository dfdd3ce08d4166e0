import Benchmark
import BenchmarkSupport
import EGovCertificates
import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import RawOpenSSL

/// Verifying a presented SD-JWT VC with 10 disclosures and a key-binding JWT (issuer registry,
/// RFC 9901 processing, key binding, time checks) next to the two raw ES256 signature checks it
/// cannot avoid (issuer signature and key-binding signature), in the same run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault()
    let clock = ManualClock(TestPKI.referenceDate)
    let vct = "https://credentials.gov.mo/bench"
    let presentation: String
    let verifier: CredentialVerifier
    let raw: [(RawKey, [UInt8], [UInt8])]
    do {
        let issuerKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let holderKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let claims = Dictionary(
            uniqueKeysWithValues: (0..<10).map { ("claim_\($0)", JSONValue.string("value number \($0)")) })
        let type = CredentialType(vct: vct, name: [.en: "bench"], claims: [])
        let issuer = CredentialIssuer(
            issuer: "https://iam.gov.mo", signingKey: issuerKey, keyID: "k", clock: clock, requiredLanguages: [])
        let issued = try runBlocking {
            try await issuer.issue(
                type: type, claims: claims, holderKey: try holderKey.publicKey.jwk(), validUntil: clock.now() + 86_400,
                revocable: false)
        }
        let presented = try runBlocking {
            try await SDJWTPresenter().present(
                issued.credential, disclosing: (0..<10).map { ClaimPath([.key("claim_\($0)")]) }, holderKey: holderKey,
                audience: "counter", nonce: "n", issuedAt: clock.now())
        }
        presentation = presented.serialized
        verifier = CredentialVerifier(
            registry: IssuerRegistry([
                .init(
                    identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [vct],
                    keySource: .keys(
                        JWSKeySet([.init(keyID: "k", key: try issuerKey.publicKey.verificationKey(for: .es256))])))
            ]), keyBinding: .required(audience: "counter", nonce: "n", maximumAge: 300, clock: clock), clock: clock)
        precondition(verifier.verify(presentation).isValid)
        // The two JWS signature checks, as raw EVP work: issuer JWT and KB-JWT.
        func rawCheck(_ jws: String, _ key: PublicKey) throws -> (RawKey, [UInt8], [UInt8]) {
            let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
            let der = try ECDSASignature.derRepresentation(fromRaw: try Base64URL.decode(parts[2]), componentLength: 32)
            return (
                try RawKey(pem: key.pemRepresentation, algorithm: .es256, isPrivate: false),
                Array((parts[0] + "." + parts[1]).utf8), der
            )
        }
        raw = [
            try rawCheck(presented.issuerJWT, issuerKey.publicKey),
            try rawCheck(presented.keyBindingJWT ?? "", holderKey.publicKey),
        ]
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }

    Benchmark("SD-JWT VC verify (10 disclosures + key binding) EGovCertificates") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = verifier.verify(presentation)
            precondition(result.isValid)
            blackHole(result)
        }
    }
    Benchmark("SD-JWT VC verify raw EVP (2 signature checks)") { benchmark in
        for _ in benchmark.scaledIterations {
            for (key, message, signature) in raw {
                let valid = signature.withUnsafeBytes { sig in message.withUnsafeBytes { key.verify(sig, message: $0) }
                }
                precondition(valid)
                blackHole(valid)
            }
        }
    }
}
