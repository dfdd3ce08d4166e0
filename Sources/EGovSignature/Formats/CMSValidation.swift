import EGovCore
import EGovCrypto
import Foundation

extension SignatureValidator {
    /// Validates CMS SignedData (DER, or PEM with label `CMS` / `PKCS7`), every signer assessed.
    ///
    /// - Parameters:
    ///   - cms: the signature container.
    ///   - detachedContent: the signed content when the CMS is detached.
    ///   - validationTime: the time to validate at.
    public func validateCMS(_ cms: [UInt8], detachedContent: [UInt8]? = nil, at validationTime: Date)
        -> DocumentValidation
    {
        let signedData: CMSSignedData
        do {
            if cms.starts(with: Array("-----BEGIN".utf8)) {
                signedData = try CMSSignedData(pemRepresentation: String(decoding: cms, as: UTF8.self))
            } else {
                signedData = try CMSSignedData(derRepresentation: cms)
            }
        } catch {
            let evidence = SignatureEvidence(
                format: .cms, identifier: "signature-1", algorithm: nil, check: .formatFailure(error.reason),
                signingCertificate: nil)
            return DocumentValidation(report: report(for: [evidence], at: validationTime), content: nil)
        }
        let content = signedData.isDetached ? detachedContent : nil
        let evidence = signedData.signers.enumerated().map { index, signer in
            cmsEvidence(
                signer, in: signedData, content: content, identifier: "signature-\(index + 1)", at: validationTime)
        }
        return DocumentValidation(
            report: report(for: evidence, at: validationTime), content: signedData.encapsulatedContent)
    }

    private func cmsEvidence(
        _ signer: CMSSignerInfo, in signedData: CMSSignedData, content: [UInt8]?, identifier: String,
        at validationTime: Date
    ) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            format: .cms, identifier: identifier, algorithm: signer.signatureAlgorithm, check: .valid,
            signingCertificate: signer.signerCertificate,
            signingCertificateReferenceMatches: signer.signerCertificate.flatMap { certificate in
                signer.signingCertificateV2.map { $0.matches(certificate) }
            },
            certificates: signedData.certificates.filter { $0 != signer.signerCertificate },
            claimedSigningTime: signer.signingTime)
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
        evidence.timeProofs = SignatureTimestamps.proofs(
            for: signer.signatureTimestampTokens, signedData: signer.signatureValue, validator: self,
            at: validationTime, intermediates: signedData.certificates)
        return evidence
    }
}
