import ArgumentParser
import EGovKit
import Foundation

struct Credential: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Issue, present and verify electronic proofs and licences (SD-JWT VC).",
        subcommands: [CredentialIssue.self, CredentialPresent.self, CredentialVerify.self]
    )
}

/// Reads a JSON object file for the credential commands.
enum JSONFiles {
    static func object(at path: String) throws(CLIError) -> [String: JSONValue] {
        let bytes = try InputSource(path).readAll(limit: 1 << 20)
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch { throw .badInput(error.reason, code: error.code) }
        guard case .object(let object) = value else {
            throw .badInput("\(path) is not a JSON object", code: "cli.json.not_object")
        }
        return object
    }
}

struct CredentialIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue an SD-JWT VC; prints it.",
        discussion: """
            --sd all makes every claim selectively disclosable, and every member and element beneath it \
            (so that a holder can disclose holder.name without holder.address); --sd a,b.c names paths. \
            Default: none. --alg chooses the JWS algorithm (e.g. PS256 for an RSA key; default from the key type).
            """)

    @Option(name: .long, help: "Issuer signing key (PEM).") var key: String
    @Option(name: .long, help: "Issuer certificate, embedded as x5c (PEM).") var cert: String?
    @Option(name: .long, help: "Intermediates for x5c (PEM bundle).") var chain: String?
    @Option(name: .long, help: "Issuer identifier (iss).") var issuer: String
    @Option(name: .long, help: "Credential type (vct).") var vct: String
    @Option(name: .long, help: "Claims JSON file.") var claims: String
    @Option(name: .long, help: "Selectively disclosable claims: all, or comma-separated paths.") var sd: String?
    @Option(name: .customLong("holder-key"), help: "Holder public key (PEM) for cnf.") var holderKey: String?
    @Option(name: .customLong("status-uri"), help: "Status list URI.") var statusURI: String?
    @Option(name: .customLong("status-idx"), help: "Status list index.") var statusIndex: Int?
    @Option(name: .long, help: "Expiry, ISO 8601.") var exp: String?
    @Option(name: .long, help: "Key ID (kid).") var kid: String?
    @Option(name: .long, help: "Issuance time, ISO 8601 (default: now).") var at: String?
    @Option(name: .long, help: "Signature algorithm (default: from the key type).") var alg: SignatureAlgorithm?

    func validate() throws {
        if (statusURI == nil) != (statusIndex == nil) {
            throw ValidationError("--status-uri and --status-idx go together")
        }
    }

    func run() async throws {
        let privateKey = try KeyFiles.privateKey(at: key)
        let algorithm = alg ?? SignatureAlgorithm.defaultAlgorithm(for: privateKey.keyType)
        let signingKey: any SigningKey
        do { signingKey = try privateKey.signingKey(for: algorithm) } catch { throw CLIError(error) }
        let subjectClaims = try JSONFiles.object(at: claims)
        var certificates: [Certificate]?
        if let cert {
            certificates =
                [try CertificateFiles.certificate(at: cert)]
                + (try chain.map { try CertificateFiles.bundle(at: $0) } ?? [])
        }
        let clock = FixedClock(time: try TimeArgument.parse(at))
        do {
            var plan = DisclosurePlan.none
            if let sd {
                if sd == "all" {
                    plan = DisclosurePlan(recursive: subjectClaims.keys.sorted().map { ClaimPath([.key($0)]) })
                } else {
                    plan = DisclosurePlan(try sd.split(separator: ",").map { try ClaimPath(parsing: String($0)) })
                }
            }
            let holder = try holderKey.map { try KeyFiles.anyPublicKey(at: $0).jwk() }
            let status = try statusURI.map { uri in try StatusReference(index: statusIndex ?? 0, uri: uri) }
            let issuer = CredentialIssuer(
                issuer: issuer, signingKey: signingKey, keyID: kid,
                certificateChain: certificates, clock: clock,
                requiredLanguages: [])  // the command line issues without display metadata (name: the vct)
            let issued = try await issuer.issue(
                type: CredentialType(vct: vct, name: [.en: vct], claims: []), claims: subjectClaims, disclose: plan,
                holderKey: holder, validUntil: try exp.map { try TimeArgument.parse($0, option: "--exp") },
                status: status,
                revocable: false)
            Output.printText(issued.credential.serialized)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
    }
}

struct CredentialPresent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present", abstract: "Present chosen claims of an SD-JWT VC with a key-binding JWT.",
        discussion: """
            Discloses exactly the --disclose paths, with the parent disclosures they need, and nothing else; \
            a path that cannot be disclosed without revealing other claims is refused. Prints the \
            presentation on stdout and {"disclosed": [paths]} on stderr.
            """)

    @Option(name: .customLong("holder-key"), help: "Holder private key (PEM).") var holderKey: String
    @Option(name: .long, help: "Claims to disclose, comma-separated paths (e.g. licence_number,holder.name).")
    var disclose: String
    @Option(name: .long, help: "The verifier (aud).") var aud: String
    @Option(name: .long, help: "The verifier's nonce.") var nonce: String
    @Option(name: .long, help: "Presentation time, ISO 8601 (default: now).") var at: String?
    @Argument(help: "The SD-JWT VC file, or - for standard input.") var sdjwt: String

    func run() async throws {
        let key = try KeyFiles.privateKey(at: holderKey)
        let text = try InputSource(sdjwt).readText(limit: SDJWT.maximumLength).trimmingCharacters(
            in: .whitespacesAndNewlines)
        do {
            let credential = try SDJWT(parsing: text)
            let paths = try disclose.split(separator: ",").map { try ClaimPath(parsing: String($0)) }
            let signer = try key.signingKey(for: SignatureAlgorithm.defaultAlgorithm(for: key.keyType))
            let presentation = try await SDJWTPresenter().present(
                credential, disclosing: paths, holderKey: signer, audience: aud, nonce: nonce,
                issuedAt: try TimeArgument.parse(at))
            Output.printText(presentation.serialized)
            Output.printNote(["disclosed": paths.map(\.description)])
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
    }
}

struct CredentialVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify an SD-JWT VC or presentation.",
        discussion: """
            Prints {"valid", "claims", "holderBound", "status", "error"}; exits 0 when valid, 1 otherwise. \
            --issuer-key or --trust says whom to trust for the credential's own iss and vct. With --aud and \
            --nonce a key-binding JWT is required. Without --status-list-token the status is reported as \
            unknown and not required. --alg lists the accepted algorithms (comma-separated; default: the \
            key type's default with --issuer-key, any fitting the certificate's key with --trust); a `kid` in \
            the header does not stop --issuer-key from being tried. With --trust the issuer certificate must \
            be an organisation seal bound to iss: a SAN URI equal to iss, or with --issuer-org-id its \
            organizationIdentifier.
            """)

    @Option(name: .customLong("issuer-key"), help: "The issuer's public key (PEM).") var issuerKey: String?
    @Option(name: .long, help: "Trusted roots for the issuer's x5c (PEM bundle).") var trust: String?
    @Option(name: .long, help: "Expected audience of the key-binding JWT.") var aud: String?
    @Option(name: .long, help: "Expected nonce of the key-binding JWT.") var nonce: String?
    @Option(name: .customLong("status-list-token"), help: "Status List Token file (JWT).") var statusListToken: String?
    @Option(name: .long, help: "Verification time, ISO 8601 (default: now).") var at: String?
    @Option(name: .long, help: "Accepted algorithms, comma-separated (e.g. RS256,PS256).") var alg: String?
    @Option(
        name: .customLong("issuer-org-id"),
        help: "With --trust: the issuer certificate's organizationIdentifier (default: a SAN URI equal to iss).")
    var issuerOrganizationID: String?
    @Argument(help: "The SD-JWT VC or presentation file, or - for standard input.") var sdjwt: String

    func validate() throws {
        if (issuerKey == nil) == (trust == nil) {
            throw ValidationError("give exactly one of --issuer-key and --trust")
        }
        if issuerOrganizationID != nil, trust == nil { throw ValidationError("--issuer-org-id applies only to --trust") }
        do { _ = try algorithms() } catch { throw ValidationError(error.reason) }
        if (aud == nil) != (nonce == nil) { throw ValidationError("--aud and --nonce go together") }
    }

    struct Result: Encodable {
        let valid: Bool
        let claims: JSONValueBox
        let holderBound: Bool
        let status: String
        let error: String?
        let reason: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(valid, forKey: .valid)
            try container.encode(claims, forKey: .claims)
            try container.encode(holderBound, forKey: .holderBound)
            try container.encode(status, forKey: .status)
            try container.encode(error, forKey: .error)
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case valid, claims, holderBound, status, error, reason }
    }

    func run() async throws {
        let text = try InputSource(sdjwt).readText(limit: SDJWT.maximumLength).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let time = try TimeArgument.parse(at)
        // The issuer and type the user vouches for by giving its key or roots.
        guard let (iss, vct) = Self.unverifiedIssuerAndType(of: text) else {
            throw CLIError.badInput("not an SD-JWT VC (no iss and vct)", code: "cli.credential.malformed")
        }
        let source: IssuerRegistry.KeySource
        var allowed = Set(try algorithms() ?? SignatureAlgorithm.allCases)
        if let issuerKey {
            let publicKey = try KeyFiles.anyPublicKey(at: issuerKey)
            let chosen = try algorithms() ?? [SignatureAlgorithm.defaultAlgorithm(for: publicKey.keyType)]
            allowed = Set(chosen)
            var entries: [JWSKeySet.Entry] = []
            for algorithm in chosen {
                do {
                    entries.append(.init(keyID: nil, key: try publicKey.verificationKey(for: algorithm)))
                } catch { throw CLIError(error) }
            }
            source = .keys(JWSKeySet(entries))
        } else {
            source = .certificates(trustAnchors: try CertificateFiles.bundle(at: trust ?? ""))
        }
        let certificateBinding: IssuerCertificateBinding =
            issuerOrganizationID.map { .organizationIdentifier($0) } ?? .subjectAlternativeNameURI
        let registry = IssuerRegistry([
            .init(
                identifier: iss, name: [.en: iss], credentialTypes: [vct], keySource: source,
                certificateBinding: certificateBinding, allowedAlgorithms: allowed)
        ])
        let clock = FixedClock(time: time)
        var binding = KeyBindingRequirement.none
        if let aud, let nonce { binding = .required(audience: aud, nonce: nonce, maximumAge: 300, clock: clock) }
        let tokens =
            try statusListToken.map {
                [try InputSource($0).readText(limit: 16 << 20).trimmingCharacters(in: .whitespacesAndNewlines)]
            } ?? []
        let verifier = CredentialVerifier(
            registry: registry, keyBinding: binding, requireStatusCheck: !tokens.isEmpty, clock: clock)
        let result = verifier.verify(text, statusListTokens: tokens)
        try Output.printJSON(
            Result(
                valid: result.isValid, claims: JSONValueBox(.object(result.claims)), holderBound: result.holderBound,
                status: result.status, error: result.errorCode, reason: result.errorReason))
        if !result.isValid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }

    /// The algorithms of `--alg`, or `nil` when it is not given.
    func algorithms() throws(CLIError) -> [SignatureAlgorithm]? {
        guard let alg else { return nil }
        var result: [SignatureAlgorithm] = []
        for name in alg.split(separator: ",", omittingEmptySubsequences: false) {
            guard let algorithm = SignatureAlgorithm(argument: String(name)) else {
                throw .usage("unknown algorithm in --alg: \(name)", code: "cli.usage.algorithm")
            }
            result.append(algorithm)
        }
        return result
    }

    /// `iss` and `vct` of the issuer JWT before verification, to scope the trust given on the command line.
    static func unverifiedIssuerAndType(of text: String) -> (String, String)? {
        guard let jwt = text.split(separator: "~", omittingEmptySubsequences: false).first else { return nil }
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
            case .object(let object)? = try? JSONValue.parse(payload), case .string(let iss)? = object["iss"],
            case .string(let vct)? = object["vct"]
        else { return nil }
        return (iss, vct)
    }
}

/// Encodes a `JSONValue` with `JSONEncoder`.
struct JSONValueBox: Encodable {
    let value: JSONValue
    init(_ value: JSONValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .bool(let bool): try container.encode(bool)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9_007_199_254_740_992 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array.map(JSONValueBox.init))
        case .object(let object): try container.encode(object.mapValues(JSONValueBox.init))
        }
    }
}
