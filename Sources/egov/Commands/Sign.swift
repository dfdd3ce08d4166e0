import ArgumentParser
import EGovKit
import Foundation

struct Sign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign a file as JWS or CMS (CAdES), optionally with an RFC 3161 signature time-stamp.",
        discussion: """
            jws: compact JWS with x5c, x5t#S256 and the signing time (sigT); jws-detached: the same without \
            the payload. With a time-stamp (--tsa-key/--tsa-cert, a local TSA) the JWS is written in the \
            flattened JSON serialisation, whose unprotected header carries it (JAdES etsiU). cms / \
            cms-detached: CMS SignedData, CAdES baseline B (T with a time-stamp), written as PEM (label CMS). \
            cms-detached hashes the input in chunks (any size); the other formats hold it in memory (64 MiB at \
            most), since the signature carries the content or signs its base64url form. \
            The key, certificate and chain come either from --key/--cert/--chain (PEM) or from a PKCS#12 file \
            (--p12 with --password-file; legacy-protected files need --allow-legacy-p12).
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case jws
        case jwsDetached = "jws-detached"
        case cms
        case cmsDetached = "cms-detached"
    }

    @Option(name: .long, help: "Signing key (PKCS#8, SEC 1 or PKCS#1 PEM).")
    var key: String?

    @Option(name: .long, help: "Signing certificate (PEM).")
    var cert: String?

    @Option(name: .long, help: "Intermediate certificates to embed (PEM bundle).")
    var chain: String?

    @Option(name: .long, help: "jws, jws-detached, cms or cms-detached.")
    var format: Format

    @Option(name: .customLong("tsa-key"), help: "Key of a local time-stamping authority.")
    var tsaKey: String?

    @Option(name: .customLong("tsa-cert"), help: "Certificate of the local time-stamping authority (EKU timeStamping).")
    var tsaCert: String?

    @Option(name: .long, help: "Output file (default: standard output).")
    var out: String?

    @Option(name: .long, help: "Signing time to claim, ISO 8601 (default: now); also the local TSA's time.")
    var at: String?

    @OptionGroup var options: AlgorithmOptions

    @OptionGroup var pkcs12: PKCS12Options

    @Argument(help: "The file to sign, or - for standard input.")
    var file: String

    func validate() throws {
        if (tsaKey == nil) != (tsaCert == nil) { throw ValidationError("--tsa-key and --tsa-cert go together") }
        if pkcs12.file != nil {
            if key != nil || cert != nil || chain != nil {
                throw ValidationError(
                    "--p12 supplies the key, certificate and chain: do not combine it with --key, --cert or --chain")
            }
        } else if key == nil || cert == nil {
            throw ValidationError("give --key and --cert, or --p12 with --password-file")
        }
    }

    func run() async throws {
        let privateKey: PrivateKey
        let leaf: Certificate
        let intermediates: [Certificate]
        if let bundle = try pkcs12.bundle() {
            privateKey = bundle.privateKey
            leaf = bundle.certificate
            intermediates = bundle.chain
        } else if let key, let cert {
            privateKey = try KeyFiles.privateKey(at: key)
            leaf = try CertificateFiles.certificate(at: cert)
            intermediates = try chain.map { try CertificateFiles.bundle(at: $0) } ?? []
        } else {
            throw CLIError.usage("give --key and --cert, or --p12 with --password-file")
        }
        let (algorithm, sm2ID) = try options.resolve(for: privateKey.keyType)
        // cms-detached hashes the input in chunks (any size); the other formats carry the content
        // (jws, cms) or sign its base64url form (jws-detached), so it is read into memory (64 MiB at most).
        let content = format == .cmsDetached ? [] : try InputSource(file).readAll()
        let clock = FixedClock(time: try TimeArgument.parse(at))
        do {
            var client: TimeStampClient?
            if let tsaKey, let tsaCert {
                let authority = try TimeStampAuthority(
                    key: try KeyFiles.privateKey(at: tsaKey),
                    certificate: try CertificateFiles.certificate(at: tsaCert),
                    policyOID: "2.999.3161.1", clock: clock)
                client = TimeStampClient(
                    transport: InProcessTimeStampTransport(authority: authority),
                    trustAnchors: [try CertificateFiles.certificate(at: tsaCert)], clock: clock,
                    validator: CertificateChainValidator(acceptsIntermediateAnchors: true))
            }
            let signer = try DocumentSigner(
                signingKey: try privateKey.signingKey(for: algorithm, sm2ID: sm2ID),
                certificates: [leaf] + intermediates,
                timestampClient: client, clock: clock)
            let output: String
            switch format {
            case .jws, .jwsDetached:
                let detached = format == .jwsDetached
                if client != nil {
                    let json = try await signer.jwsJSON(payload: content, detached: detached)
                    output = String(decoding: try json.jsonBytes(flattened: true), as: UTF8.self)
                } else {
                    output = try await signer.jws(payload: content, detached: detached)
                }
            case .cms:
                output = PEMDocument(label: "CMS", der: try await signer.cms(content: content)).pemString
            case .cmsDetached:
                let digest = try InputSource(file).digest(signer.cmsDigestAlgorithm)
                output = PEMDocument(label: "CMS", der: try await signer.cmsDetached(contentDigest: digest)).pemString
            }
            try OutputFile.write(output.hasSuffix("\n") ? output : output + "\n", to: out)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
    }
}

/// A TimeStampTransport that answers with an in-process authority (the CLI's local TSA).
struct InProcessTimeStampTransport: TimeStampTransport {
    let authority: TimeStampAuthority
    func send(_ request: [UInt8]) async throws -> [UInt8] { try authority.respond(to: request) }
}

/// Writes command output to a file or standard output.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws(CLIError) {
        guard let path else {
            Output.printText(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .badInput("cannot write \(path)", code: "cli.output.unwritable")
        }
    }
}
