import EGovCore
import Foundation

/// The validation report of one signed document: every signature's result, the overall
/// indication under the policy, and a short human summary in Traditional Chinese, Portuguese and
/// English. Encodes as JSON (dates RFC 3339).
public struct ValidationReport: Sendable, Hashable, Codable {
    /// The policy applied.
    public var policyID: String
    /// The time the validation is for.
    public var validationTime: Date
    /// Overall: TOTAL_PASSED when at least the policy's minimum number of signatures passed and
    /// none failed; TOTAL_FAILED when any failed; INDETERMINATE otherwise.
    public var indication: Indication
    /// The deciding sub-indication (of the first failed or indeterminate signature, or
    /// SIG_CONSTRAINTS_FAILURE when too few signatures passed).
    public var subIndication: SubIndication?
    /// Each signature's result, in document order.
    public var signatures: [SignatureValidationResult]

    /// Builds the report and its overall indication.
    public init(policyID: String, validationTime: Date, minimumSignatures: Int, signatures: [SignatureValidationResult])
    {
        self.policyID = policyID
        self.validationTime = validationTime
        self.signatures = signatures
        if let failed = signatures.first(where: { $0.indication == .totalFailed }) {
            indication = .totalFailed
            subIndication = failed.subIndication
        } else if let undecided = signatures.first(where: { $0.indication == .indeterminate }) {
            indication = .indeterminate
            subIndication = undecided.subIndication
        } else if signatures.count < max(1, minimumSignatures) {
            indication = .indeterminate
            subIndication = .sigConstraintsFailure
        } else {
            indication = .totalPassed
            subIndication = nil
        }
    }

    /// The exit status the CLI uses: 0 passed, 1 failed, 2 indeterminate.
    public var exitStatus: Int32 {
        switch indication {
        case .totalPassed: 0
        case .totalFailed: 1
        case .indeterminate: 2
        }
    }

    /// A one-paragraph summary in zh-Hant, pt and en: the overall indication with its reason,
    /// then the level of each passed signature. The sentences come from one message table.
    public var summary: LocalizedText {
        var text = LocalizedText()
        for (tag, separator) in ValidationReportText.languages {
            var sentences: [String] = []
            switch indication {
            case .totalPassed:
                sentences.append(ValidationReportText.render(.passed, in: tag, ["count": "\(signatures.count)"]))
            case .totalFailed:
                let reason = ValidationReportText.reason(subIndication)[tag] ?? ""
                sentences.append(ValidationReportText.render(.failed, in: tag, ["reason": reason]))
            case .indeterminate:
                let reason = ValidationReportText.reason(subIndication)[tag] ?? ""
                sentences.append(ValidationReportText.render(.indeterminate, in: tag, ["reason": reason]))
            }
            for signature in signatures where signature.indication == .totalPassed {
                if let level = signature.level, let kind = signature.kind {
                    let who = signature.signer?.organization ?? signature.signer?.commonName ?? signature.identifier
                    let name = level.name(for: kind)[tag] ?? ""
                    sentences.append(ValidationReportText.render(.signer, in: tag, ["signer": who, "level": name]))
                }
            }
            text[tag] = sentences.joined(separator: separator)
        }
        return text
    }
}
