import ArgumentParser
import EGovKit
import Foundation

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue and verify signed access and identity tokens (JWS compact).",
        subcommands: [TokenIssue.self, TokenVerify.self]
    )
}

extension TokenKind: ExpressibleByArgument {}

/// A clock fixed at a command-line time.
struct FixedClock: WallClock {
    let time: Date
    func now() -> Date { time }
}

struct TokenIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Sign the claims in a JSON file as a token; prints the token.",
        discussion: """
            The claims file must hold iss, sub and aud. iat defaults to now, exp to iat + --lifetime, \
            nbf to iat and jti to 128 random bits. acr must be an eIDAS level URI; amr, act and any other \
            claims are copied. The algorithm follows the key (P-256 ES256, Ed25519 EdDSA, SM2 SM2, ...).
            """
    )

    @Option(name: .long, help: "Signing key (PKCS#8, SEC 1 or PKCS#1 PEM).")
    var key: String

    @Option(name: .long, help: "Claims JSON file.")
    var claims: String

    @Option(name: .long, help: "Key ID to put in the header (kid).")
    var kid: String?

    @Option(name: .long, help: "Token kind: access (typ at+jwt) or identity (typ id+jwt).")
    var kind: TokenKind = .access

    @Option(name: .long, help: "Lifetime in seconds when the claims have no exp (default 600).")
    var lifetime: Int = 600

    @OptionGroup var options: AlgorithmOptions

    func run() async throws {
        let privateKey = try KeyFiles.privateKey(at: key)
        let (algorithm, sm2ID) = try options.resolve(for: privateKey.keyType)
        let bytes = try InputSource(claims).readAll(limit: 256 * 1024)
        guard case .object(var object) = try Self.parse(bytes) else {
            throw CLIError.badInput("the claims file is not a JSON object", code: "cli.claims.invalid")
        }
        let now = SystemClock().now().timeIntervalSince1970.rounded(.down)
        if object["iat"] == nil { object["iat"] = .number(now) }
        if object["nbf"] == nil, case .number(let iat)? = object["iat"] { object["nbf"] = .number(iat) }
        if object["exp"] == nil, case .number(let iat)? = object["iat"] {
            object["exp"] = .number(iat + Double(lifetime))
        }
        if object["jti"] == nil {
            do { object["jti"] = .string(Base64URL.encode(try SecureRandom.bytes(count: 16))) } catch {
                throw CLIError.from(error)
            }
        }
        do {
            let parsed = try TokenClaims(jsonBytes: CanonicalJSON.serialize(.object(object)))
            guard case .string(let issuerName)? = object["iss"] else { throw TokenError.missingClaim("iss") }
            let signer = try privateKey.signingKey(for: algorithm, sm2ID: sm2ID)
            let issuer = try TokenIssuer(
                issuer: issuerName, signingKey: signer, keyID: kid, lifetime: Double(max(1, min(lifetime, 86_400))),
                clock: SystemClock())
            Output.printText(try await issuer.sign(parsed, kind: kind))
        } catch {
            throw CLIError.from(error)
        }
    }

    static func parse(_ bytes: [UInt8]) throws(CLIError) -> JSONValue {
        do { return try JSONValue.parse(bytes) } catch { throw .badInput(error.reason, code: error.code) }
    }
}

struct TokenVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a token against a JWKS; prints its claims.",
        discussion: """
            Checks the signature with the key the token's kid names (bound to its alg), the token kind \
            (typ), the audience, exp/nbf/iat with 60 s skew, and --iss when given. Prints the claims as \
            JSON and exits 0, or prints the error and exits 1. Without --iss the issuer is reported, not \
            checked: services must always check it.
            """
    )

    @Option(name: .long, help: "JWKS file with the issuer's public keys (egov key public --format jwks).")
    var jwks: String

    @Option(name: .long, help: "This service's audience; aud must contain it.")
    var aud: String

    @Option(name: .long, help: "Expected issuer (iss).")
    var iss: String?

    @Option(name: .long, help: "Token kind: access or identity.")
    var kind: TokenKind = .access

    @Option(name: .long, help: "Verification time, ISO 8601 (default: now).")
    var at: String?

    @Argument(help: "The token, or - to read it from standard input.")
    var token: String

    func run() async throws {
        let keySet: JWSKeySet
        do {
            keySet = try JWKSet(jsonBytes: try InputSource(jwks).readAll(limit: JWKSet.maximumLength))
                .verificationKeys()
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
        var text = token
        if token == "-" { text = try InputSource(nil).readText(limit: 64 * 1024) }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let time = try TimeArgument.parse(at)
        let expectedIssuer = iss ?? Self.unverifiedIssuer(of: text) ?? ""
        do {
            let verifier = try TokenVerifier(
                keySet: keySet, issuer: expectedIssuer, audience: aud, kind: kind, clock: FixedClock(time: time))
            let claims = try verifier.verify(text)
            Output.printText(String(decoding: try CanonicalJSON.serialize(claims.jsonValue), as: UTF8.self))
        } catch let error as TokenError {
            Output.printError(code: error.code, reason: error.reason)
            throw ExitCode(ExitStatus.invalid.rawValue)
        } catch {
            throw CLIError.from(error)
        }
    }

    /// The `iss` of a token before verification, used only when --iss is not given.
    static func unverifiedIssuer(of token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
            case .object(let object)? = try? JSONValue.parse(payload), case .string(let issuer)? = object["iss"]
        else { return nil }
        return issuer
    }
}
