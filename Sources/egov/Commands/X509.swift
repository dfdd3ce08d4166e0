import ArgumentParser
import EGovKit
import Foundation

struct X509: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x509",
        abstract: "Inspect and verify X.509 certificates.",
        subcommands: [X509Verify.self, X509Show.self]
    )
}

extension CertificatePurpose: ExpressibleByArgument {}

extension RevocationCheck: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "auto": self = .leafWhenCRLsSupplied
        case "leaf": self = .leaf
        case "chain": self = .fullChain
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["auto", "none", "leaf", "chain"] }
}

/// Reading certificates and CRLs for the x509 commands (bad files exit 65).
enum CertificateFiles {
    static func certificate(at path: String) throws(CLIError) -> Certificate {
        let text = try InputSource(path).readText(limit: 1 << 20)
        do { return try Certificate(pemRepresentation: text) } catch { throw CLIError(error) }
    }

    static func bundle(at path: String) throws(CLIError) -> [Certificate] {
        let text = try InputSource(path).readText(limit: Certificate.maximumBundleLength)
        do { return try Certificate.parseBundle(pemRepresentation: text) } catch { throw CLIError(error) }
    }

    static func crl(at path: String) throws(CLIError) -> CertificateRevocationList {
        let text = try InputSource(path).readText(limit: CertificateRevocationList.maximumDERLength * 2)
        do { return try CertificateRevocationList(pemRepresentation: text) } catch { throw CLIError(error) }
    }
}

/// Parses an ISO 8601 / RFC 3339 time given on the command line.
enum TimeArgument {
    static func parse(_ text: String?, option: String = "--at") throws(CLIError) -> Date {
        guard let text else { return SystemClock().now() }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw .usage("\(option) must be an ISO 8601 time such as 2026-11-21T08:00:00Z")
    }
}

struct X509Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a certificate chain against trust anchors at a time, for a purpose.",
        discussion: """
            Prints {"valid": bool, "chain": [subject, ...], "error": code-or-null, "reason": text-or-null}. \
            Exits 0 when valid, 1 when invalid, 2 when indeterminate (e.g. a CRL is missing or stale, \
            an issuer cannot be found).
            """
    )

    @Option(name: .long, help: "Trust anchors (PEM bundle).")
    var trust: String

    @Option(name: .long, help: "Untrusted intermediate certificates (PEM bundle).")
    var untrusted: String?

    @Option(name: .long, help: "A CRL (PEM); repeat for several.")
    var crl: [String] = []

    @Option(name: .long, help: "Validation time, ISO 8601 (default: now).")
    var at: String?

    @Option(name: .long, help: "Purpose the leaf must fit: any, signing, seal, server, timestamping.")
    var purpose: CertificatePurpose = .any

    @Option(name: .long, help: "Revocation checking: auto (leaf when CRLs are given), none, leaf, chain.")
    var revocation: RevocationCheck = .leafWhenCRLsSupplied

    @Option(name: .customLong("sm2-id"), help: "SM2 distinguishing ID for SM2-signed certificates and CRLs.")
    var sm2ID: String?

    @Argument(help: "Leaf certificate PEM file.")
    var leaf: String

    struct Result: Encodable {
        let valid: Bool
        let chain: [String]
        let error: String?
        let reason: String?
        let indeterminate: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(valid, forKey: .valid)
            try container.encode(chain, forKey: .chain)
            try container.encode(error, forKey: .error)
            try container.encode(reason, forKey: .reason)
            try container.encode(indeterminate, forKey: .indeterminate)
        }

        enum CodingKeys: String, CodingKey { case valid, chain, error, reason, indeterminate }
    }

    func run() async throws {
        let time = try TimeArgument.parse(at)
        var id = SM2DistinguishingID.default
        if let sm2ID {
            do { id = try SM2DistinguishingID(sm2ID) } catch { throw CLIError(error) }
        }
        let anchors = try CertificateFiles.bundle(at: trust)
        let intermediates = try untrusted.map { try CertificateFiles.bundle(at: $0) } ?? []
        var crls: [CertificateRevocationList] = []
        for path in crl { crls.append(try CertificateFiles.crl(at: path)) }
        let certificate = try CertificateFiles.certificate(at: leaf)
        let result = CertificateChainValidator(sm2ID: id).validate(
            certificate, intermediates: intermediates, trustAnchors: anchors, crls: crls, at: time, purpose: purpose,
            revocation: revocation)
        try Output.printJSON(
            Result(
                valid: result.isValid, chain: result.chain.map(\.subject.description), error: result.failure?.code,
                reason: result.failure?.reason, indeterminate: result.isIndeterminate))
        if result.isValid { return }
        throw ExitCode(result.isIndeterminate ? ExitStatus.indeterminate.rawValue : ExitStatus.invalid.rawValue)
    }
}

struct X509Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a certificate's fields as JSON."
    )

    @Argument(help: "Certificate PEM file, or - for standard input.")
    var file: String?

    func run() async throws {
        let text = try InputSource(file).readText(limit: 1 << 20)
        let certificate: Certificate
        do { certificate = try Certificate(pemRepresentation: text) } catch { throw CLIError(error) }
        try Output.printJSON(certificate.summary)
    }
}
