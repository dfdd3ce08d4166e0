import EGovCore
import EGovCrypto
import Foundation

/// CMS SignedData (CAdES baseline B or T), DER or PEM (label `CMS` or `PKCS7`), attached or
/// detached; every SignerInfo is one signature.
///
/// Detects DER by its leading SEQUENCE tag and PEM by its `-----BEGIN` line. Signature
/// time-stamps are the CAdES `id-aa-signatureTimeStampToken` unsigned attributes, over each
/// SignerInfo's signature value.
public struct CMSFormatAdapter: SignatureFormatAdapter {
    /// Creates the adapter.
    public init() {}

    /// ``SignatureFormat/cms``.
    public var format: SignatureFormat { .cms }

    private static let pemStart = Array("-----BEGIN".utf8)

    /// DER starting with a SEQUENCE tag, or text starting with a PEM `-----BEGIN` line.
    public func detects(_ document: [UInt8]) -> Bool {
        document.first == 0x30 || document.starts(with: Self.pemStart)
    }

    /// Parses the SignedData and verifies every SignerInfo's digest and signature value.
    public func evidence(in document: [UInt8], detached: [UInt8]?, sm2ID: SM2DistinguishingID) -> DocumentEvidence {
        let signedData: CMSSignedData
        do {
            if document.starts(with: Self.pemStart) {
                guard let text = String(validating: document, as: UTF8.self) else {
                    return .formatFailure(.cms, "the PEM text is not UTF-8")
                }
                signedData = try CMSSignedData(pemRepresentation: text)
            } else {
                signedData = try CMSSignedData(derRepresentation: document)
            }
        } catch {
            return .formatFailure(.cms, error.reason)
        }
        let content = signedData.isDetached ? detached : nil
        let signatures = signedData.signers.enumerated().map { index, signer in
            evidence(signer, in: signedData, content: content, identifier: "signature-\(index + 1)", sm2ID: sm2ID)
        }
        return DocumentEvidence(format: .cms, signatures: signatures, content: signedData.encapsulatedContent)
    }

    private func evidence(
        _ signer: CMSSignerInfo, in signedData: CMSSignedData, content: [UInt8]?, identifier: String,
        sm2ID: SM2DistinguishingID
    ) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            format: .cms, identifier: identifier, algorithm: signer.signatureAlgorithm, check: .valid,
            signingCertificate: signer.signerCertificate,
            signingCertificateReferenceMatches: signer.signerCertificate.flatMap { certificate in
                signer.signingCertificateV2.map { $0.matches(certificate) }
            },
            certificates: signedData.certificates.filter { $0 != signer.signerCertificate },
            claimedSigningTime: signer.signingTime, embeddedRevocationLists: signedData.revocationLists)
        switch signer.verifySignature(content: content, sm2ID: sm2ID) {
        case .valid: break
        case .contentMissing: evidence.check = .signedDataNotFound
        case .hashMismatch: evidence.check = .hashMismatch
        case .signatureInvalid: evidence.check = .signatureInvalid
        case .missingSignedAttribute(let name):
            evidence.check = .formatFailure("the signed attribute \(name) is missing")
        case .unsupportedAlgorithm: evidence.algorithm = nil
        case .noSignerCertificate: evidence.signingCertificate = nil
        }
        evidence.timestamps = signer.signatureTimestampTokens.map {
            SignatureEvidence.Timestamp(token: $0, coveredData: signer.signatureValue)
        }
        return evidence
    }
}
