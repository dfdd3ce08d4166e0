import EGovCore
import EGovCrypto
import Foundation

/// How EGovKit determines the level and kind of a signature whose signature value, certificate
/// chain and signing time have all checked out.
///
/// 1. **Kind.** The trust-list service that vouches for the chain says whether it issues
///    certificates for signatures (natural persons) or for seals (organisations). If the leaf
///    carries an ETSI QcType statement (esign 0.4.0.1862.1.6.1, eseal 0.4.0.1862.1.6.2), it must
///    agree, otherwise the level is capped at `simple`.
/// 2. **Advanced** requires: key usage `nonRepudiation` or `digitalSignature`; a subject that
///    identifies the signer (a common name or a `serialNumber` attribute for a person; an
///    organisation name for a seal). Otherwise the level is `simple`.
/// 3. **Qualified** requires, in addition: the vouching service is marked qualified in the trust
///    list and its status was `granted` at the signing time (proven if a time-stamp exists,
///    otherwise claimed, otherwise the validation time); and the leaf carries the QC statements
///    QcCompliance (0.4.0.1862.1.1, a qualified certificate) and QcSSCD (0.4.0.1862.1.4, the key is
///    on a qualified signature/seal creation device).
public enum SignatureLevelRules {
    /// ETSI EN 319 412-5 QcCompliance.
    public static let qcCompliance = "0.4.0.1862.1.1"
    /// ETSI EN 319 412-5 QcSSCD.
    public static let qcSSCD = "0.4.0.1862.1.4"
    /// ETSI EN 319 412-5 QcType esign.
    public static let qcTypeESign = "0.4.0.1862.1.6.1"
    /// ETSI EN 319 412-5 QcType eseal.
    public static let qcTypeESeal = "0.4.0.1862.1.6.2"

    /// The level and kind of a signature by `leaf`, vouched for by `service`, made at `signingTime`,
    /// with the reasons the level is not higher.
    public static func determine(
        leaf: Certificate, service: TrustedService, signingTime: Date
    ) -> (level: SignatureLevel, kind: SignatureKind, limits: [String]) {
        let kind: SignatureKind = service.type == .seal ? .seal : .signature
        var limits: [String] = []
        let statements = Set(leaf.qcStatementOIDs)
        if statements.contains(qcTypeESign), kind == .seal {
            return (.simple, kind, ["the certificate's QcType says esign but it was issued by a seal service"])
        }
        if statements.contains(qcTypeESeal), kind == .signature {
            return (.simple, kind, ["the certificate's QcType says eseal but it was issued by a signing service"])
        }
        let usage = leaf.keyUsage ?? []
        if !(usage.contains(.nonRepudiation) || usage.contains(.digitalSignature)) {
            limits.append("key usage allows neither nonRepudiation nor digitalSignature")
        }
        switch kind {
        case .signature:
            if leaf.subject.commonName == nil && leaf.subject.firstValue(forOID: "2.5.4.5") == nil {
                limits.append("the subject does not identify a person (no common name or serial number)")
            }
        case .seal:
            if leaf.subject.organizationName == nil {
                limits.append("the subject does not name an organisation")
            }
        }
        guard limits.isEmpty else { return (.simple, kind, limits) }
        if !service.isQualified { limits.append("the issuing service is not qualified") }
        if service.isQualified && !service.isGranted(at: signingTime) {
            limits.append("the issuing service's qualified status was not granted at the signing time")
        }
        if !statements.contains(qcCompliance) {
            limits.append("the certificate is not a qualified certificate (no QcCompliance)")
        }
        if !statements.contains(qcSSCD) { limits.append("the key is not declared to be on a QSCD (no QcSSCD)") }
        return (limits.isEmpty ? .qualified : .advanced, kind, limits)
    }
}
