import COpenSSL
import Foundation

/// Constant-time comparison for secrets, tags and one-time codes.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` are equal, in time that depends only on their lengths.
    ///
    /// Lengths are not secret (they are public in every protocol EGovKit speaks), so unequal
    /// lengths return `false` at once.
    public static func equals(_ lhs: some DataProtocol, _ rhs: some DataProtocol) -> Bool {
        let left = lhs.egovBytes
        let right = rhs.egovBytes
        guard left.count == right.count else { return false }
        if left.isEmpty { return true }
        return left.withUnsafeBytes { l in
            right.withUnsafeBytes { r in CRYPTO_memcmp(l.baseAddress, r.baseAddress, l.count) == 0 }
        }
    }

    /// Whether two strings are equal as UTF-8 bytes, in constant time (for typed codes).
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
