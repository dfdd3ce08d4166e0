import COpenSSL
import Foundation

/// HMAC variants (RFC 2104), computed by OpenSSL.
///
/// `sha1` exists only for one-time passwords (RFC 4226 HOTP and RFC 6238 TOTP), where HMAC-SHA-1
/// remains the interoperable default of authenticator apps and is not affected by SHA-1's
/// collision weakness. Use `sha256` or stronger for anything else.
public enum HMACAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// HMAC-SHA-1, for HOTP/TOTP interoperability only.
    case sha1 = "SHA1"
    /// HMAC-SHA-256.
    case sha256 = "SHA256"
    /// HMAC-SHA-512.
    case sha512 = "SHA512"

    /// The tag length in bytes.
    public var outputLength: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    nonisolated(unsafe) private static let fetched: [HMACAlgorithm: OpaquePointer] = {
        var table: [HMACAlgorithm: OpaquePointer] = [:]
        for algorithm in HMACAlgorithm.allCases {
            if let md = EVP_MD_fetch(nil, algorithm.rawValue, nil) { table[algorithm] = md }
        }
        return table
    }()

    /// The HMAC tag of `message` under `key`.
    public func authenticationCode(for message: some DataProtocol, key: some DataProtocol) throws -> [UInt8] {
        guard let md = Self.fetched[self] else { throw OpenSSL.failure("EVP_MD_fetch(\(rawValue))") }
        return try HMACSHA256.compute(md: md, message: message.egovBytes, key: key.egovBytes)
    }

    /// Whether `code` is the tag of `message` under `key`, compared in constant time.
    public func isValidAuthenticationCode(
        _ code: some DataProtocol, for message: some DataProtocol, key: some DataProtocol
    ) throws -> Bool {
        ConstantTime.equals(try authenticationCode(for: message, key: key), code.egovBytes)
    }
}
