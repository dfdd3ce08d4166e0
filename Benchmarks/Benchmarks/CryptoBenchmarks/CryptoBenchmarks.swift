import Benchmark
import BenchmarkSupport
import EGovCrypto
import RawOpenSSL

/// Sign and verify through EGovCrypto and, on the same keys and message, through raw OpenSSL EVP
/// calls. Compare "<ALG> sign EGovCrypto" with "<ALG> sign raw EVP" (and likewise for verify).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault()

    // A typical JWS signing input size.
    let message = [UInt8](repeating: 0x61, count: 1024)

    let cases: [(SignatureAlgorithm, RawKey.Algorithm)] = [
        (.es256, .es256), (.edDSA, .edDSA), (.sm2, .sm2), (.rs256, .rs256),
    ]
    for (algorithm, rawAlgorithm) in cases {
        let name = algorithm.rawValue
        let key: PrivateKey
        let rawPrivate: RawKey
        let rawPublic: RawKey
        do {
            key = try PrivateKey.generate(for: algorithm)
            rawPrivate = try RawKey(pem: try key.pkcs8PEMRepresentation(), algorithm: rawAlgorithm, isPrivate: true)
            rawPublic = try RawKey(pem: key.publicKey.pemRepresentation, algorithm: rawAlgorithm, isPrivate: false)
        } catch {
            fatalError("benchmark setup failed for \(name): \(error)")
        }
        let publicKey = key.publicKey
        let signature: [UInt8]
        do {
            signature = try key.signature(for: message, algorithm: algorithm)
        } catch {
            fatalError("benchmark setup failed for \(name): \(error)")
        }

        Benchmark("\(name) sign EGovCrypto") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try key.signature(for: message, algorithm: algorithm))
            }
        }

        Benchmark("\(name) sign raw EVP") { benchmark in
            var output = [UInt8](repeating: 0, count: rawPrivate.maximumSignatureLength)
            message.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { buffer in
                    for _ in benchmark.scaledIterations {
                        blackHole(rawPrivate.sign(input, into: buffer))
                    }
                }
            }
        }

        Benchmark("\(name) verify EGovCrypto") { benchmark in
            for _ in benchmark.scaledIterations {
                let valid = try publicKey.isValidSignature(signature, for: message, algorithm: algorithm)
                precondition(valid)
                blackHole(valid)
            }
        }

        Benchmark("\(name) verify raw EVP") { benchmark in
            signature.withUnsafeBytes { sig in
                message.withUnsafeBytes { input in
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
