import ArgumentParser
import EGovKit
import Foundation

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a signed file (JWS compact or JSON, CMS PEM or DER) and print the report.",
        discussion: """
            Prints the ETSI EN 319 102-1 style report as JSON, with a summary in zh-Hant, pt and en. Exits 0 \
            for TOTAL_PASSED, 1 for TOTAL_FAILED, 2 for INDETERMINATE. With --trust, every certificate in \
            the bundle is trusted for signatures, seals and time-stamps (not qualified); use --trust-list \
            for qualified services and status history.
            """
    )

    @Option(name: .long, help: "Trusted CA certificates (PEM bundle).")
    var trust: String?

    @Option(name: .customLong("trust-list"), help: "Trust list (EGovKit JSON format).")
    var trustList: String?

    @Option(name: .long, help: "The signed data, for detached signatures.")
    var data: String?

    @Option(name: .long, help: "A CRL (PEM); repeat for several.")
    var crl: [String] = []

    @Option(name: .long, help: "Validation time, ISO 8601 (default: now).")
    var at: String?

    @Option(name: .long, help: "Signature policy (JSON).")
    var policy: String?

    @Option(name: .customLong("sm2-id"), help: "SM2 distinguishing ID (default 1234567812345678).")
    var sm2ID: String?

    @Argument(help: "The signature file.")
    var signature: String

    func validate() throws {
        if (trust == nil) == (trustList == nil) {
            throw ValidationError("give exactly one of --trust and --trust-list")
        }
    }

    struct VerifyOutput: Encodable {
        let report: ValidationReport
        let summary: [String: String]
    }

    func run() async throws {
        let list = try loadTrustList()
        var signaturePolicy = SignaturePolicy.permissive
        if let policy {
            do {
                signaturePolicy = try SignaturePolicy(jsonBytes: try InputSource(policy).readAll(limit: 64 * 1024))
            } catch let error as CLIError { throw error } catch { throw CLIError.from(error) }
        }
        var crls: [CertificateRevocationList] = []
        for path in crl { crls.append(try CertificateFiles.crl(at: path)) }
        var id = SM2DistinguishingID.default
        if let sm2ID {
            do { id = try SM2DistinguishingID(sm2ID) } catch { throw CLIError(error) }
        }
        let time = try TimeArgument.parse(at)
        let bytes = try InputSource(signature).readAll(limit: 64 << 20)
        let detached = try data.map { try InputSource($0).readAll() }
        let validator = SignatureValidator(trustList: list, policy: signaturePolicy, crls: crls, sm2ID: id)
        let report = validator.validate(document: bytes, detached: detached, at: time)
        let summary = report.summary
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = try encoder.encode(
            VerifyOutput(
                report: report,
                summary: Dictionary(
                    uniqueKeysWithValues: summary.languages.compactMap { tag in summary[tag].map { (tag.rawValue, $0) }
                    })))
        Output.printText(String(decoding: json, as: UTF8.self))
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    private func loadTrustList() throws(CLIError) -> TrustList {
        do {
            if let trustList {
                return try TrustList(jsonBytes: try InputSource(trustList).readAll(limit: TrustList.maximumLength))
            }
            let pem = try InputSource(trust).readText(limit: Certificate.maximumBundleLength)
            var list = try TrustList(pemBundle: pem, type: .signing, qualified: false, name: [.en: "--trust"])
            for type in [TrustedService.ServiceType.seal, .timestamping] {
                list = list.merging(try TrustList(pemBundle: pem, type: type, qualified: false, name: [.en: "--trust"]))
            }
            return list
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
    }
}
