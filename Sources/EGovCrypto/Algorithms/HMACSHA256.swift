import COpenSSL
import Foundation

/// HMAC (RFC 2104) with SHA-256, computed by OpenSSL.
///
/// Used for TOTP (RFC 6238), receipt authentication and other shared-secret checks. Verify with
/// ``isValidAuthenticationCode(_:for:key:)``, which compares in constant time.
public enum HMACSHA256 {
    /// The tag length in bytes.
    public static let outputLength = 32

    /// The HMAC-SHA-256 tag of `message` under `key`.
    public static func authenticationCode(for message: some DataProtocol, key: some DataProtocol) throws -> [UInt8] {
        try authenticationCode(for: message, key: key, hash: .sha256)
    }

    /// The HMAC tag of `message` under `key` with the given hash (SHA-1 is not offered).
    public static func authenticationCode(
        for message: some DataProtocol, key: some DataProtocol, hash: HashAlgorithm
    ) throws -> [UInt8] {
        guard let md = hash.md else { throw OpenSSL.failure("EVP_MD_fetch") }
        return try compute(md: md, message: message.egovBytes, key: key.egovBytes)
    }

    /// One HMAC computation with an already fetched digest.
    static func compute(md: OpaquePointer, message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withNonNullBytes { keyPointer, keyCount in
            message.withNonNullBytes { messagePointer, messageCount in
                output.withUnsafeMutableBufferPointer { out in
                    HMAC(md, keyPointer, Int32(keyCount), messagePointer, messageCount, out.baseAddress, &length)
                }
            }
        }
        guard result != nil else { throw OpenSSL.failure("HMAC") }
        return Array(output.prefix(Int(length)))
    }

    /// Whether `code` is the HMAC-SHA-256 tag of `message` under `key`, compared in constant time.
    public static func isValidAuthenticationCode(
        _ code: some DataProtocol, for message: some DataProtocol, key: some DataProtocol
    ) throws -> Bool {
        let expected = try authenticationCode(for: message, key: key)
        return ConstantTime.equals(expected, code.egovBytes)
    }
}
