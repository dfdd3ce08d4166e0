import COpenSSL
import Foundation

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(count: Int) throws -> [UInt8] {
        guard count >= 0, count <= 1 << 20 else {
            throw CryptoError.inputTooLarge(what: "random byte request", limit: 1 << 20)
        }
        var output = [UInt8](repeating: 0, count: count)
        if count == 0 { return output }
        let ok = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw OpenSSL.failure("RAND_bytes") }
        return output
    }

    /// A uniformly distributed integer in `0..<upperBound`, by rejection sampling.
    public static func uniform(below upperBound: UInt64) throws -> UInt64 {
        precondition(upperBound > 0, "upperBound must be positive")
        let limit = UInt64.max - (UInt64.max % upperBound)
        while true {
            let bytes = try bytes(count: 8)
            let value = bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
            if value < limit { return value % upperBound }
        }
    }
}
