import Benchmark
import BenchmarkSupport
import EGovCore
import EGovCrypto
import EGovSignature
import EGovTesting
import Foundation
import RawOpenSSL

/// JWS and CMS verification through EGovKit next to the raw OpenSSL work they cannot avoid, in
/// the same run:
/// - JWS verify = one signature verification over the signing input;
/// - CMS verify = one SHA-256 over the content + one signature verification over the signed
///   attributes (a message of the same length);
/// - full validation (signature + 3-certificate chain + trust list + policy) = three signature
///   verifications, shown for scale;
/// - chain validation (leaf -> intermediate -> root, P-256) = a raw `X509_verify_cert` on the
///   same certificates parsed once, with a store, untrusted stack and per-call context.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault()

    let clock = FixedClock(time: TestPKI.referenceDate)
    let content = [UInt8](repeating: 0x61, count: 4096)

    let pki: TestPKI
    let signer: DocumentSigner
    let jws: String
    let cmsDER: [UInt8]
    let cms: CMSSignedData
    let rawPublic: RawKey
    let rawPrivate: RawKey
    let verificationKey: SoftwareVerificationKey
    let validator: SignatureValidator
    do {
        pki = try TestPKI(algorithm: .p256)
        signer = try DocumentSigner(
            signingKey: try pki.leaf.privateKey.signingKey(for: .es256),
            certificates: [pki.leaf.certificate, pki.intermediate.certificate], clock: clock)
        jws = try runBlocking { try await signer.jws(payload: content, detached: true) }
        cmsDER = try runBlocking { try await signer.cms(content: content, detached: true) }
        cms = try CMSSignedData(derRepresentation: cmsDER)
        rawPublic = try RawKey(
            pem: pki.leaf.certificate.publicKey.pemRepresentation, algorithm: .es256, isPrivate: false)
        rawPrivate = try RawKey(
            pem: try pki.leaf.privateKey.pkcs8PEMRepresentation(), algorithm: .es256, isPrivate: true)
        verificationKey = try pki.leaf.certificate.publicKey.verificationKey(for: .es256)
        validator = SignatureValidator(
            trustList: TrustList(
                name: [.en: "bench"],
                services: [
                    TrustedService(
                        name: [.en: "CA"], type: .signing, isQualified: false, certificates: [pki.root.certificate],
                        history: [.init(status: .granted, from: TestPKI.referenceDate - 86_400)])
                ]))
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }

    // The JWS signing input and the DER form of its signature, for the raw baseline.
    let parts = jws.split(separator: ".", omittingEmptySubsequences: false)
    let signingInput = Array((parts[0] + "." + Base64URL.encode(content)).utf8)
    guard let joseSignature = try? Base64URL.decode(parts[2]),
        let jwsDER = try? ECDSASignature.derRepresentation(fromRaw: joseSignature, componentLength: 32)
    else { fatalError("benchmark setup failed: JWS signature") }
    // A raw signature over a message as long as the CMS signed attributes (~200 bytes).
    let attributes = [UInt8](repeating: 0x31, count: 200)
    var attributeSignature = [UInt8](repeating: 0, count: rawPrivate.maximumSignatureLength)
    let attributeSignatureLength = attributes.withUnsafeBytes { input in
        attributeSignature.withUnsafeMutableBytes { rawPrivate.sign(input, into: $0) }
    }
    attributeSignature.removeSubrange((attributeSignatureLength ?? 0)...)
    guard let cmsSigner = cms.signers.first else { fatalError("benchmark setup failed: CMS signer") }

    // DocumentSigner puts the JAdES signing time (sigT) in crit; the verifier must understand it.
    let policy = JWSVerificationPolicy(understoodCriticalHeaders: ["sigT"])
    Benchmark("JWS ES256 verify EGovCrypto (detached, 4 KiB)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JWS.verify(jws, detachedPayload: content, key: verificationKey, policy: policy))
        }
    }
    Benchmark("JWS ES256 verify raw EVP (1 signature check)") { benchmark in
        jwsDER.withUnsafeBytes { sig in
            signingInput.withUnsafeBytes { input in
                for _ in benchmark.scaledIterations {
                    let valid = rawPublic.verify(sig, message: input)
                    precondition(valid)
                    blackHole(valid)
                }
            }
        }
    }
    Benchmark("CMS ES256 verify EGovCrypto (parsed, detached, 4 KiB)") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = cmsSigner.verifySignature(content: content)
            precondition(result == .valid)
            blackHole(result)
        }
    }
    Benchmark("CMS ES256 parse + verify EGovCrypto (detached, 4 KiB)") { benchmark in
        for _ in benchmark.scaledIterations {
            let parsed = try CMSSignedData(derRepresentation: cmsDER)
            blackHole(parsed.signers.first?.verifySignature(content: content))
        }
    }
    Benchmark("CMS ES256 verify raw EVP (SHA-256 of content + 1 signature check)") { benchmark in
        var digest = [UInt8](repeating: 0, count: 32)
        content.withUnsafeBytes { input in
            attributeSignature.withUnsafeBytes { sig in
                attributes.withUnsafeBytes { message in
                    digest.withUnsafeMutableBytes { output in
                        for _ in benchmark.scaledIterations {
                            precondition(RawDigest.sha256(input, into: output))
                            let valid = rawPublic.verify(sig, message: message)
                            precondition(valid)
                            blackHole(valid)
                        }
                    }
                }
            }
        }
    }
    // X.509 chain validation: EGovCrypto next to a raw X509_verify_cert on the same DER.
    let chainValidator = CertificateChainValidator()
    let leafCertificate = pki.leaf.certificate
    let intermediates = [pki.intermediate.certificate]
    let anchors = [pki.root.certificate]
    let rawChain: RawChainVerifier
    let rawChainWithCRL: RawChainVerifier
    let crl: CertificateRevocationList
    do {
        crl = try pki.crl()
        let time = Int(TestPKI.referenceDate.timeIntervalSince1970)
        rawChain = try RawChainVerifier(
            leaf: leafCertificate.derRepresentation, intermediate: pki.intermediate.certificate.derRepresentation,
            root: pki.root.certificate.derRepresentation, time: time)
        rawChainWithCRL = try RawChainVerifier(
            leaf: leafCertificate.derRepresentation, intermediate: pki.intermediate.certificate.derRepresentation,
            root: pki.root.certificate.derRepresentation, crl: crl.derRepresentation, time: time)
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }
    Benchmark("X.509 CertificateChainValidator.validate, chain of 3 (P-256, no CRL)") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = chainValidator.validate(
                leafCertificate, intermediates: intermediates, trustAnchors: anchors, at: TestPKI.referenceDate)
            guard result.isValid, result.chain.count == 3 else { fatalError("chain: \(String(describing: result.failure))") }
            blackHole(result)
        }
    }
    Benchmark("X.509 raw X509_verify_cert, chain of 3 (P-256, no CRL)") { benchmark in
        for _ in benchmark.scaledIterations {
            let length = rawChain.verify()
            precondition(length == 3)
            blackHole(length)
        }
    }
    Benchmark("X.509 CertificateChainValidator.validate, chain of 3 + 1 CRL (P-256)") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = chainValidator.validate(
                leafCertificate, intermediates: intermediates, trustAnchors: anchors, crls: [crl],
                at: TestPKI.referenceDate)
            guard result.isValid, result.chain.count == 3 else { fatalError("chain: \(String(describing: result.failure))") }
            blackHole(result)
        }
    }
    Benchmark("X.509 raw X509_verify_cert, chain of 3 + 1 CRL (P-256)") { benchmark in
        for _ in benchmark.scaledIterations {
            let length = rawChainWithCRL.verify()
            precondition(length == 3)
            blackHole(length)
        }
    }
    Benchmark("Full CMS validation (signature + chain of 3 + trust list)") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = validator.validate(document: cmsDER, detached: content, at: TestPKI.referenceDate)
            precondition(report.indication == .totalPassed)
            blackHole(report)
        }
    }
}
