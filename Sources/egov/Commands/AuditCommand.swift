import ArgumentParser
import EGovKit
import Foundation

/// `egov audit`: exchange audit logs.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Exchange audit logs.", subcommands: [AuditVerify.self])
}

/// `egov audit verify --key PUB.pem LOG.jsonl`: verifies an exported audit log offline.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an exported exchange audit log (JSON Lines) offline with the department's public key.",
        discussion: """
            Checks the hash chain of every entry and the signature, count and head of every checkpoint. Prints \
            {"valid": bool, "entries": N, "firstInvalid": index-or-null, "reason": text-or-null, "signedEntries": N, \
            "checkpoints": N}; exits 0 when valid, 1 otherwise, 65 when the file cannot be read as an audit log \
            (size, header, version, a repeated checkpoint line). firstInvalid is the first entry that cannot be \
            trusted: the first entry whose hash chain fails or, when a checkpoint fails, the first entry no \
            verified checkpoint covers (= signedEntries). The file is read line by line. Entries after the last \
            checkpoint are not signed: pass --expected-count or --expected-head (kept elsewhere) to detect their \
            removal.
            """)

    @Option(name: .long, help: "The department's public key (PEM).") var key: String
    @Option(name: .customLong("expected-count"), help: "The number of entries the log must have.")
    var expectedCount: Int?
    @Option(name: .customLong("expected-head"), help: "The hash (hex) the last entry must have.")
    var expectedHead: String?
    @Argument(help: "The exported log, or - for standard input.") var file: String

    static let fileLimit = 256 << 20

    struct Result: Encodable {
        let verification: AuditExportVerification

        enum CodingKeys: String, CodingKey { case valid, entries, firstInvalid, reason, signedEntries, checkpoints }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(verification.valid, forKey: .valid)
            try container.encode(verification.entries, forKey: .entries)
            try container.encode(verification.firstInvalid, forKey: .firstInvalid)
            try container.encode(verification.reason?.rawValue, forKey: .reason)
            try container.encode(verification.signedEntries, forKey: .signedEntries)
            try container.encode(verification.checkpoints, forKey: .checkpoints)
        }
    }

    func validate() throws {
        if let expectedCount, expectedCount < 0 { throw ValidationError("--expected-count must not be negative") }
        if let expectedHead {
            guard expectedHead.utf8.count >= 64, expectedHead == expectedHead.lowercased(),
                Hex.decode(expectedHead) != nil
            else { throw ValidationError("--expected-head must be a lowercase hex hash") }
        }
    }

    func run() async throws {
        let publicKey = try KeyFiles.anyPublicKey(at: key)
        let verificationKey: SoftwareVerificationKey
        do {
            verificationKey = try publicKey.verificationKey(
                for: SignatureAlgorithm.defaultAlgorithm(for: publicKey.keyType))
        } catch { throw CLIError(error) }
        // Read in chunks and verified line by line: memory stays within a few lines, whatever the size.
        var reader = AuditExportVerifier(key: verificationKey, limits: .init(maximumTotalBytes: Self.fileLimit))
            .reader(expectedCount: expectedCount, expectedHead: expectedHead)
        try InputSource(file).forEachChunk { (chunk: [UInt8]) throws(CLIError) in
            do throws(AuditExportError) {
                try reader.consume(chunk)
            } catch {
                throw CLIError.badInput(error.reason, code: error.code)
            }
        }
        let verification: AuditExportVerification
        do throws(AuditExportError) {
            verification = try reader.finish()
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        try Output.printJSON(Result(verification: verification))
        if !verification.valid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
