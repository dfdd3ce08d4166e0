import EGovCore
import EGovCrypto
import EGovSignature
import Foundation

/// Feeds the input to the signature validation entry point, as a document on its own and as a
/// detached signature over a fixed payload, and to the CMS parser directly: format detection, the
/// CMS, JWS JSON and JWS compact adapters (certificates, time-stamp tokens, embedded CRLs) and the
/// checks must never trap, and every report must name at least one signature.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignatureDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for detached in [nil, payload] {
        let report = validator.validate(document: bytes, detached: detached, at: validationTime)
        precondition(!report.signatures.isEmpty, "a report without a signature")
        precondition(report.indication != .totalPassed, "passed without any trusted CA")
    }
    if let signedData = try? CMSSignedData(derRepresentation: bytes) {
        precondition(signedData.certificates.count <= CMSSignedData.maximumCertificates)
        precondition(signedData.revocationLists.count <= CMSSignedData.maximumRevocationLists)
        precondition(!signedData.signers.isEmpty, "SignedData without a signer parsed")
    }
    return 0
}

/// No trust anchors: nothing can pass, everything must be judged.
private let validator = SignatureValidator(trustList: TrustList(name: [.en: "empty"], services: []))
private let payload = Array("EGovKit fuzz payload".utf8)
private let validationTime = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
