import ArgumentParser
import EGovKit

/// `--p12 FILE --password-file PWFILE [--allow-legacy-p12]`, shared by `key public` and `sign`.
struct PKCS12Options: ParsableArguments {
    @Option(name: .customLong("p12"), help: "PKCS#12 file (.p12/.pfx) holding the key, certificate and chain.")
    var file: String?

    @Option(
        name: .customLong("password-file"),
        help: "File whose content is the PKCS#12 password (one trailing newline is ignored).")
    var passwordFile: String?

    @Flag(
        name: .customLong("allow-legacy-p12"),
        help: "Accept PKCS#12 files protected with legacy algorithms (RC2, 3DES, SHA-1 MAC).")
    var allowLegacy = false

    /// Refuses the PKCS#12 options without `--p12`, and `--p12` without a password file.
    func validate() throws {
        if file == nil {
            if passwordFile != nil { throw ValidationError("--password-file applies only with --p12") }
            if allowLegacy { throw ValidationError("--allow-legacy-p12 applies only with --p12") }
        } else if passwordFile == nil {
            throw ValidationError("--p12 needs --password-file")
        }
    }

    /// Reads the bundle named by `--p12`, or `nil` when the option is absent.
    func bundle() throws(CLIError) -> PKCS12Bundle? {
        guard let file, let passwordFile else { return nil }
        return try PKCS12Files.bundle(at: file, passwordFile: passwordFile, allowLegacy: allowLegacy)
    }
}

/// Loading PKCS#12 files, mapping failures to exit 65 (wrong password included).
enum PKCS12Files {
    /// Largest password file read.
    static let passwordFileLimit = 4096

    static func bundle(at path: String, passwordFile: String, allowLegacy: Bool) throws(CLIError) -> PKCS12Bundle {
        let der = try InputSource(path).readAll(limit: PKCS12Bundle.maximumDERLength)
        var password = try password(at: passwordFile)
        defer { for index in password.indices { password[index] = 0 } }
        do {
            return try PKCS12Bundle(derRepresentation: der, password: password, allowLegacyEncryption: allowLegacy)
        } catch {
            let status: ExitStatus
            if case .engineFailure = error { status = .software } else { status = .badInput }
            throw CLIError(code: error.code, reason: error.reason, status: status)
        }
    }

    /// The password file's bytes without exactly one trailing LF or CRLF.
    static func password(at path: String) throws(CLIError) -> [UInt8] {
        var bytes = try InputSource(path).readAll(limit: passwordFileLimit)
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }
}
