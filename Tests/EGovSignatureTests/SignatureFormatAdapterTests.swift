import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovSignature

/// Format detection by the adapters, and the one validation entry point.
@Suite struct SignatureFormatAdapterTests {
    /// One signed document in every format the standard adapters read, and bytes none reads.
    struct Documents {
        var world: JWSSignatureTests.World
        var cmsDER: [UInt8]
        var cmsPEM: [UInt8]
        var jwsCompact: [UInt8]
        var jwsJSON: [UInt8]

        /// Each document with the format it is in.
        var all: [(format: SignatureFormat, bytes: [UInt8])] {
            [(.cms, cmsDER), (.cms, cmsPEM), (.jwsCompact, jwsCompact), (.jwsJSON, jwsJSON)]
        }
    }

    static let payload = Array(#"{"application":"food-licence"}"#.utf8)

    /// Not a signature in any format.
    static let unknown: [[UInt8]] = [
        [], Array("   \n".utf8), Array("Hello world. This is plain text. Bye".utf8), Array("a.b".utf8),
        Array("[1, 2, 3]".utf8), [0xFF, 0xFE, 0x00, 0x01], Array(" -----BEGIN CMS-----".utf8),
    ]

    static func documents(timestamped: Bool = false) async throws -> Documents {
        let world = try JWSSignatureTests.world()
        let signer = try world.signer(timestamped: timestamped)
        let cms = try await signer.cms(content: payload)
        let pem = try CMSSignedData(derRepresentation: cms).pemRepresentation
        let compact = try await world.signer().jws(payload: payload)
        let json = try await signer.jwsJSON(payload: payload).jsonBytes()
        return Documents(
            world: world, cmsDER: cms, cmsPEM: Array(pem.utf8), jwsCompact: Array(compact.utf8), jwsJSON: json)
    }

    @Test("each adapter detects its own format and rejects the others")
    func adaptersDetectOnlyTheirFormat() async throws {
        let documents = try await Self.documents()
        let adapters: [any SignatureFormatAdapter] = [
            CMSFormatAdapter(), JWSJSONFormatAdapter(), JWSCompactFormatAdapter(),
        ]
        for adapter in adapters {
            for (format, bytes) in documents.all {
                #expect(adapter.detects(bytes) == (adapter.format == format), "\(adapter.format) on \(format)")
            }
            for bytes in Self.unknown {
                #expect(!adapter.detects(bytes), "\(adapter.format) on \(bytes.prefix(16))")
            }
        }
        // Surrounding white space (a trailing newline from a file) does not hide a JWS.
        #expect(JWSCompactFormatAdapter().detects(Array("\n".utf8) + documents.jwsCompact + Array("\r\n".utf8)))
        #expect(JWSJSONFormatAdapter().detects(Array("  ".utf8) + documents.jwsJSON + Array("\n".utf8)))
    }

    @Test("the entry point picks the adapter that detects the document")
    func entryPointValidatesEveryFormat() async throws {
        let documents = try await Self.documents()
        let validator = documents.world.validator()
        let now = documents.world.clock.now()
        for (format, bytes) in documents.all {
            let report = validator.validate(document: bytes, detached: nil, at: now)
            #expect(report.indication == .totalPassed, "\(format): \(report.signatures)")
            #expect(report.signatures.map(\.format) == [format])
            let evidence = validator.evidence(in: bytes, detached: nil)
            #expect(evidence.format == format)
            #expect(evidence.content == Self.payload)
            #expect(validator.report(for: evidence.signatures, at: now) == report)
        }
        let trailingNewline = documents.jwsCompact + Array("\n".utf8)
        #expect(validator.validate(document: trailingNewline, detached: nil, at: now).indication == .totalPassed)
    }

    @Test("bytes no adapter recognises are TOTAL_FAILED / FORMAT_FAILURE")
    func unknownBytesAreAFormatFailure() throws {
        let world = try JWSSignatureTests.world()
        for bytes in Self.unknown {
            let report = world.validator().validate(document: bytes, detached: nil, at: world.clock.now())
            #expect(report.indication == .totalFailed)
            #expect(report.subIndication == .formatFailure)
            #expect(report.exitStatus == 1)
            let signature = try #require(report.signatures.first)
            #expect(report.signatures.count == 1)
            #expect(signature.format == .unknown)
            #expect(signature.errors.first?.contains("jws-compact") == true, "\(signature.errors)")
        }
    }

    @Test("a format the validator is not given is not read")
    func validatorReadsOnlyItsFormats() async throws {
        let documents = try await Self.documents()
        let jwsOnly = SignatureValidator(
            trustList: documents.world.trustList, formats: [JWSCompactFormatAdapter(), JWSJSONFormatAdapter()])
        let now = documents.world.clock.now()
        let cms = jwsOnly.validate(document: documents.cmsDER, detached: nil, at: now)
        #expect(cms.subIndication == .formatFailure)
        #expect(cms.signatures.first?.format == .unknown)
        #expect(jwsOnly.validate(document: documents.jwsCompact, detached: nil, at: now).indication == .totalPassed)
    }

    @Test("malformed documents of a detected format are a FORMAT_FAILURE of that format")
    func malformedDocumentsKeepTheirFormat() throws {
        let world = try JWSSignatureTests.world()
        let now = world.clock.now()
        let cases: [(SignatureFormat, [UInt8])] = [
            (.cms, [0x30, 0x03, 0x02, 0x01, 0x00]), (.cms, Array("-----BEGIN CMS-----\nAAAA\n".utf8)),
            (.jwsJSON, Array(#"{"payload": 1}"#.utf8)), (.jwsCompact, Array("not.a.jws".utf8)),
            (.jwsCompact, Array("eyJhbGciOiJFUzI1NiJ9.\u{FF}.AAAA".utf8)),
        ]
        for (format, bytes) in cases {
            let report = world.validator().validate(document: bytes, detached: nil, at: now)
            #expect(report.subIndication == .formatFailure, "\(format)")
            #expect(report.signatures.first?.format == format)
        }
        // Invalid UTF-8 in a compact JWS is not read as text.
        let invalid = Array("eyJhbGciOiJFUzI1NiJ9.".utf8) + [0xC3] + Array(".AAAA".utf8)
        let report = world.validator().validate(document: invalid, detached: nil, at: now)
        #expect(report.subIndication == .formatFailure)
        #expect(report.signatures.first?.format == .jwsCompact)
    }

    @Test("adapters hand over time-stamp tokens unchecked; the validator decides whether they are trusted")
    func timestampTrustIsTheValidatorsDecision() async throws {
        let documents = try await Self.documents(timestamped: true)
        let world = documents.world
        let now = world.clock.now()
        for bytes in [documents.cmsDER, documents.jwsJSON] {
            let evidence = try #require(world.validator().evidence(in: bytes, detached: nil).signatures.first)
            #expect(evidence.timestamps.count == 1)
            #expect(evidence.timeProofs.isEmpty)
            #expect(evidence.timestampProblems.isEmpty)
            // Trusted time-stamping service: the token proves the signing time.
            let trusted = world.validator().validate(evidence, at: now)
            #expect(trusted.indication == .totalPassed)
            #expect(trusted.provenSigningTime == now)
            // The same evidence without a time-stamping service in the trust list: not a proof.
            var list = world.trustList
            list.services.removeAll { $0.type == .timestamping }
            let untrusted = SignatureValidator(trustList: list).validate(evidence, at: now)
            #expect(untrusted.indication == .totalPassed)
            #expect(untrusted.provenSigningTime == nil)
            #expect(untrusted.warnings.contains { $0.hasPrefix("a time-stamp was not accepted") })
        }
    }

    @Test("every sub-indication has a reason in zh-Hant, pt and en")
    func reportTextTableIsComplete() {
        for sub in SubIndication.allCases {
            for (tag, _) in ValidationReportText.languages {
                #expect(ValidationReportText.reason(sub)[tag]?.isEmpty == false, "\(sub) \(tag)")
            }
        }
        let report = ValidationReport(
            policyID: "p", validationTime: Date(timeIntervalSince1970: 0), minimumSignatures: 1,
            signatures: [
                SignatureValidationResult(
                    identifier: "signature-1", format: .unknown, indication: .totalFailed,
                    subIndication: .formatFailure)
            ])
        #expect(report.summary[.zhHant] == "驗證失敗：簽名格式不符。")
        #expect(report.summary[.pt] == "Validação falhada: formato de assinatura não conforme.")
        #expect(report.summary[.en] == "Validation failed: the signature format does not conform.")
        let general = ValidationReport(
            policyID: "p", validationTime: Date(timeIntervalSince1970: 0), minimumSignatures: 1,
            signatures: [
                SignatureValidationResult(
                    identifier: "signature-1", format: .cms, indication: .indeterminate,
                    subIndication: .certificateChainGeneralFailure)
            ])
        #expect(general.summary[.en] == "Validation indeterminate: validation did not complete.")
        #expect(general.summary[.zhHant] == "未能確定：未能完成驗證。")
    }

    @Test("summary arguments are not read as templates")
    func summaryArgumentsAreLiteral() {
        #expect(
            ValidationReportText.render(.signer, in: .en, ["signer": "{level}", "level": "electronic seal"])
                == "{level}: electronic seal.")
    }
}
