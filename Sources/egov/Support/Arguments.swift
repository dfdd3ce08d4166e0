import ArgumentParser
import EGovKit

extension SignatureAlgorithm: ExpressibleByArgument {
    /// Accepts the JOSE names (`ES256`, `EdDSA`, `SM2`, ...), ignoring case.
    public init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
            return nil
        }
        self = match
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension SignatureAlgorithm {
    /// The algorithm `egov` uses when `--alg` is not given.
    static func defaultAlgorithm(for keyType: KeyType) -> SignatureAlgorithm {
        switch keyType {
        case .p256: .es256
        case .p384: .es384
        case .ed25519: .edDSA
        case .rsa: .rs256
        case .sm2: .sm2
        }
    }

    /// The JSON name of a key type (`P-256`, `RSA-2048`, ...).
    static func keyTypeName(_ keyType: KeyType) -> String { keyType.description }
}

/// The digest names accepted by `egov digest --alg`.
enum DigestName: String, CaseIterable, ExpressibleByArgument, Sendable {
    case sha256, sha384, sha512, sm3

    var algorithm: HashAlgorithm {
        switch self {
        case .sha256: .sha256
        case .sha384: .sha384
        case .sha512: .sha512
        case .sm3: .sm3
        }
    }
}

/// Options shared by `raw sign` and `raw verify` to choose the algorithm and SM2 ID.
struct AlgorithmOptions: ParsableArguments {
    @Option(name: .long, help: "Signature algorithm (default: from the key type).")
    var alg: SignatureAlgorithm?

    @Option(name: .customLong("sm2-id"), help: "SM2 distinguishing ID (UTF-8; default 1234567812345678). SM2 only.")
    var sm2ID: String?

    /// Resolves the algorithm for `keyType` and the SM2 ID, refusing an ID for other algorithms.
    func resolve(for keyType: KeyType) throws(CLIError) -> (SignatureAlgorithm, SM2DistinguishingID) {
        let algorithm = alg ?? SignatureAlgorithm.defaultAlgorithm(for: keyType)
        guard algorithm.isCompatible(with: keyType) else {
            throw CLIError(CryptoError.algorithmMismatch(algorithm: algorithm, keyType: keyType.description))
        }
        guard let sm2ID else { return (algorithm, .default) }
        guard algorithm == .sm2 else { throw .usage("--sm2-id applies only to SM2") }
        do {
            return (algorithm, try SM2DistinguishingID(sm2ID))
        } catch {
            throw .usage(error.reason, code: error.code)
        }
    }
}

/// Loading keys from files, mapping failures to exit 65.
enum KeyFiles {
    static func privateKey(at path: String) throws(CLIError) -> PrivateKey {
        let text = try InputSource(path).readText()
        do { return try PrivateKey(pemRepresentation: text) } catch { throw CLIError(error) }
    }

    static func publicKey(at path: String) throws(CLIError) -> PublicKey {
        let text = try InputSource(path).readText()
        do { return try PublicKey(pemRepresentation: text) } catch { throw CLIError(error) }
    }

    /// A public key from either a `PUBLIC KEY` PEM or a private key PEM.
    static func anyPublicKey(at path: String) throws(CLIError) -> PublicKey {
        let text = try InputSource(path).readText()
        do {
            let documents = try PEMDocument.parseAll(text, limit: InputSource.keyFileLimit)
            if documents.count == 1, documents[0].label == "PUBLIC KEY" {
                return try PublicKey(derRepresentation: documents[0].der)
            }
            return try PrivateKey(pemRepresentation: text).publicKey
        } catch {
            throw CLIError(error)
        }
    }
}
