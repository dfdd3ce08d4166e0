import Benchmark
import BenchmarkSupport
import EGovCore
import EGovCrypto
import EGovIdentity
import Foundation
import RawOpenSSL

/// Token verification (JWS parsing, header and claim checks, signature) next to the one raw EVP
/// signature verification it cannot avoid, on the same signing input, key and signature.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault()

    let clock = FixedClock(time: Date(timeIntervalSince1970: 1_800_000_000))

    let cases: [(SignatureAlgorithm, RawKey.Algorithm)] = [(.es256, .es256), (.edDSA, .edDSA), (.sm2, .sm2)]
    for (algorithm, rawAlgorithm) in cases {
        let name = algorithm.rawValue
        let token: String
        let verifier: TokenVerifier
        let rawPublic: RawKey
        let signingInput: [UInt8]
        let derSignature: [UInt8]
        do {
            let key = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
            let issuer = try TokenIssuer(issuer: "https://account.gov.mo", signingKey: key, keyID: "k1", clock: clock)
            token = try runBlocking {
                try await issuer.issue(
                    subject: "org-1", audience: ["dsal"], level: .substantial, methods: [.password, .totp],
                    actor: ActorClaim(subject: "person-1", mandate: "m-1"))
            }
            verifier = try TokenVerifier(
                keySet: try issuer.jwks().verificationKeys(), issuer: "https://account.gov.mo", audience: "dsal",
                clock: clock)
            rawPublic = try RawKey(pem: key.publicKey.pemRepresentation, algorithm: rawAlgorithm, isPrivate: false)
            let parts = token.split(separator: ".")
            signingInput = Array((parts[0] + "." + parts[1]).utf8)
            let jose = try Base64URL.decode(parts[2])
            if let length = algorithm.componentLength {
                derSignature = try ECDSASignature.derRepresentation(fromRaw: jose, componentLength: length)
            } else {
                derSignature = jose
            }
        } catch {
            fatalError("benchmark setup failed for \(name): \(error)")
        }

        Benchmark("\(name) token verify EGovIdentity") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try verifier.verify(token))
            }
        }

        Benchmark("\(name) token verify raw EVP signature only") { benchmark in
            derSignature.withUnsafeBytes { sig in
                signingInput.withUnsafeBytes { input in
                    for _ in benchmark.scaledIterations {
                        let valid = rawPublic.verify(sig, message: input)
                        precondition(valid)
                        blackHole(valid)
                    }
                }
            }
        }
    }
}
