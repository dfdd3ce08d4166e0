import ArgumentParser
import EGovKit
import Foundation

struct StatusListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-list", abstract: "Token Status Lists.",
        subcommands: [StatusListIssue.self, StatusListUpdate.self, StatusListDecode.self])
}

struct StatusListDecode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Print the non-zero entries of a status list (JSON {bits, lst} or a statuslist+jwt).",
        discussion: "A token is decoded without verifying its signature (use `egov credential verify` for that).")

    @Argument(help: "The status list JSON or token file, or - for standard input.") var file: String

    struct Result: Encodable {
        let bits: Int
        let size: Int
        let entries: [String: UInt8]
        let verified: Bool
    }

    func run() async throws {
        let text = try InputSource(file).readText(limit: 16 << 20).trimmingCharacters(in: .whitespacesAndNewlines)
        let list: StatusList
        do {
            if text.hasPrefix("{") {
                list = try StatusList(json: Array(text.utf8))
            } else {
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
                    case .object(let claims)? = try? JSONValue.parse(payload), let statusList = claims["status_list"]
                else {
                    throw CLIError.badInput("not a status list or status list token", code: "cli.status_list.malformed")
                }
                list = try StatusList(jsonValue: statusList)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
        let entries = Dictionary(uniqueKeysWithValues: list.nonZeroIndices.map { (String($0.key), $0.value) })
        try Output.printJSON(Result(bits: list.bits, size: list.count, entries: entries, verified: false))
    }
}

/// The signing options shared by `status-list issue` and `status-list update`.
struct StatusListSigningOptions: ParsableArguments {
    @Option(name: .long, help: "Status issuer signing key (PEM).") var key: String
    @Option(name: .long, help: "Key ID (kid).") var kid: String?
    @Option(name: .long, help: "Issuer certificate, embedded as x5c (PEM).") var cert: String?
    @Option(name: .long, help: "Intermediates for x5c (PEM bundle).") var chain: String?
    @Option(name: .long, help: "Signature algorithm (default: from the key type).") var alg: SignatureAlgorithm?
    @Option(name: .long, help: "Status values to set, comma-separated index=value (e.g. 3=1,7=2).") var set: String?
    @Option(name: .long, help: "ttl claim: seconds a consumer may cache the token.") var ttl: Int?
    @Option(name: .long, help: "Expiry (exp), ISO 8601.") var exp: String?
    @Option(name: .long, help: "Issuance time (iat), ISO 8601 (default: now).") var at: String?

    func validate() throws {
        if chain != nil, cert == nil { throw ValidationError("--chain needs --cert") }
        if let ttl, ttl <= 0 { throw ValidationError("--ttl must be positive") }
        do { _ = try changes() } catch { throw ValidationError(error.reason) }
    }

    /// The `--set` changes, in order.
    func changes() throws(CLIError) -> [(index: Int, value: UInt8)] {
        guard let set else { return [] }
        var result: [(index: Int, value: UInt8)] = []
        for item in set.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let index = Int(parts[0]), index >= 0, let value = UInt8(parts[1]) else {
                throw .usage("--set takes index=value pairs, e.g. 3=1,7=2", code: "cli.status_list.set")
            }
            result.append((index, value))
        }
        return result
    }

    /// The signing key for `--alg` (default from the key type).
    func signingKey() throws(CLIError) -> any SigningKey {
        let privateKey = try KeyFiles.privateKey(at: key)
        do {
            return try privateKey.signingKey(for: alg ?? SignatureAlgorithm.defaultAlgorithm(for: privateKey.keyType))
        } catch {
            throw CLIError(error)
        }
    }

    /// The `x5c` chain (DER, leaf first), or `nil`.
    func certificateChain() throws(CLIError) -> [[UInt8]]? {
        guard let cert else { return nil }
        var certificates = [try CertificateFiles.certificate(at: cert)]
        if let chain { certificates += try CertificateFiles.bundle(at: chain) }
        return certificates.map(\.derRepresentation)
    }

    /// Applies the `--set` changes to `list`, refusing an index or value outside it (exit 65).
    func apply(to list: inout StatusList) throws(CLIError) {
        for (index, value) in try changes() {
            guard index < list.count else {
                throw .badInput("index \(index) is outside the list of \(list.count)", code: "cli.status_list.index")
            }
            guard Int(value) < 1 << list.bits else {
                throw .badInput("value \(value) does not fit in \(list.bits) bits", code: "cli.status_list.value")
            }
            do { try list.setStatus(CredentialStatus(rawValue: value), at: index) } catch { throw CLIError.from(error) }
        }
    }

    /// Signs `list` as a statuslist+jwt and prints it.
    func issue(
        _ list: StatusList, uri: String, keyID: String?, chain: [[UInt8]]?, expiry: Date?, timeToLive: Int?
    ) async throws {
        let signer = try signingKey()
        let issuedAt = try TimeArgument.parse(at)
        do {
            let token = try await StatusListToken.issue(
                list: list, uri: uri, signingKey: signer, keyID: keyID, issuedAt: issuedAt, expiresAt: expiry,
                timeToLive: timeToLive, certificateChain: chain)
            Output.printText(token)
        } catch {
            throw CLIError.from(error)
        }
    }
}

struct StatusListIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a Status List Token (statuslist+jwt); prints it.",
        discussion: """
            Every entry starts at 0 (valid); --set gives entries their values (1 invalid, 2 suspended, \
            3 or more application-specific, within --bits). The header carries --kid and/or x5c from --cert \
            and --chain.
            """)

    @OptionGroup var signing: StatusListSigningOptions
    @Option(name: .long, help: "The list's URI (sub).") var uri: String
    @Option(name: .long, help: "Bits per status: 1, 2, 4 or 8.") var bits: Int
    @Option(name: .long, help: "Number of entries.") var size: Int

    func validate() throws {
        guard [1, 2, 4, 8].contains(bits) else { throw ValidationError("--bits must be 1, 2, 4 or 8") }
        guard size > 0, size <= StatusList.maximumDecompressedBytes * 8 / bits else {
            throw ValidationError("--size must be positive and fit the largest list")
        }
    }

    func run() async throws {
        var list: StatusList
        do { list = try StatusList(bits: bits, size: size) } catch { throw CLIError.from(error) }
        try signing.apply(to: &list)
        let expiry = try signing.exp.map { try TimeArgument.parse($0, option: "--exp") }
        try await signing.issue(
            list, uri: uri, keyID: signing.kid, chain: try signing.certificateChain(), expiry: expiry,
            timeToLive: signing.ttl)
    }
}

struct StatusListUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change entries of a Status List Token and re-sign it; prints it.",
        discussion: """
            The token must verify under --key's public key first. Its sub, bits, size and the values not \
            named by --set are kept; iat becomes --at. kid, x5c and ttl are kept unless given again; exp \
            keeps its distance from iat unless --exp is given.
            """)

    @OptionGroup var signing: StatusListSigningOptions
    @Argument(help: "The Status List Token file, or - for standard input.") var token: String

    func run() async throws {
        let text = try InputSource(token).readText(limit: StatusListToken.maximumTokenLength)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed: CompactJWS
        do { parsed = try CompactJWS(parsing: text, limit: StatusListToken.maximumTokenLength) } catch {
            throw CLIError.from(error)
        }
        // sub and iat are read before verification only to verify the token as of its own iat
        // (an expired token can still be renewed); the signature decides.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
            case .object(let claims)? = try? JSONValue.parse(payload), case .string(let uri)? = claims["sub"],
            case .number(let iat)? = claims["iat"]
        else {
            throw CLIError.badInput("the token has no sub or iat", code: "cli.status_list.malformed")
        }
        let signer = try signing.signingKey()
        let current: StatusListToken
        do {
            let key = try signer.publicKey.verificationKey(for: parsed.header.algorithm)
            current = try StatusListToken.verify(
                text, keys: JWSKeySet([.init(keyID: parsed.header.keyID, key: key)]), expectedURI: uri,
                at: Date(timeIntervalSince1970: iat), allowedSkew: 0)
        } catch {
            throw CLIError.badInput(
                "the token does not verify under the key: \((error as? any EGovError)?.reason ?? "refused")",
                code: "cli.status_list.untrusted")
        }
        var list = current.list
        try signing.apply(to: &list)
        let issuedAt = try TimeArgument.parse(signing.at)
        var expiry = try signing.exp.map { try TimeArgument.parse($0, option: "--exp") }
        if expiry == nil, let old = current.expiresAt {
            expiry = issuedAt.addingTimeInterval(old.timeIntervalSince(current.issuedAt))
        }
        try await signing.issue(
            list, uri: uri, keyID: signing.kid ?? parsed.header.keyID,
            chain: try signing.certificateChain() ?? parsed.header.certificateChain, expiry: expiry,
            timeToLive: signing.ttl ?? current.timeToLive)
    }

}
