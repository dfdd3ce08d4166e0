import EGovCore
import EGovCrypto
import Foundation

/// Errors from one-time-password configuration and checks.
public enum OneTimePasswordError: EGovError, Equatable {
    /// The shared secret is shorter than 128 bits (RFC 4226 section 4 requires at least 128, recommends 160).
    case secretTooShort(bytes: Int)
    /// The shared secret is longer than 1024 bytes.
    case secretTooLong(bytes: Int)
    /// Digits outside 6...8, or a period outside 1...300 seconds.
    case invalidParameters(String)
    /// The time lies before the configured epoch.
    case timeBeforeEpoch

    public var code: String {
        switch self {
        case .secretTooShort: "identity.otp.secret_too_short"
        case .secretTooLong: "identity.otp.secret_too_long"
        case .invalidParameters: "identity.otp.invalid_parameters"
        case .timeBeforeEpoch: "identity.otp.time_before_epoch"
        }
    }

    public var reason: String {
        switch self {
        case .secretTooShort(let bytes): "the shared secret has \(bytes) bytes; at least 16 are required"
        case .secretTooLong(let bytes): "the shared secret has \(bytes) bytes; at most 1024 are accepted"
        case .invalidParameters(let detail): "invalid one-time-password parameters: \(detail)"
        case .timeBeforeEpoch: "the time lies before the TOTP epoch"
        }
    }
}

/// Time-based one-time passwords (TOTP, RFC 6238) over HOTP (RFC 4226), built on the engine's HMAC.
///
/// Checking is constant-time per candidate, looks at every step in the window (no early exit),
/// accepts only ASCII digits of the exact length, and refuses a time step at or before the last
/// one the caller recorded as used, so one code cannot log in twice.
public struct TimeBasedOneTimePassword: Sendable, CustomStringConvertible {
    private let secret: [UInt8]
    /// The HMAC variant (authenticator apps default to SHA-1).
    public let algorithm: HMACAlgorithm
    /// Code length, 6 to 8 digits.
    public let digits: Int
    /// Length of a time step in seconds (RFC 6238 default 30).
    public let period: Int
    /// The Unix time that counts as step zero (RFC 6238 T0, default 0).
    public let epoch: Date

    /// Creates a TOTP configuration.
    public init(
        secret: [UInt8], algorithm: HMACAlgorithm = .sha1, digits: Int = 6, period: Int = 30,
        epoch: Date = Date(timeIntervalSince1970: 0)
    ) throws(OneTimePasswordError) {
        guard secret.count >= 16 else { throw .secretTooShort(bytes: secret.count) }
        guard secret.count <= 1024 else { throw .secretTooLong(bytes: secret.count) }
        guard (6...8).contains(digits) else { throw .invalidParameters("digits must be 6, 7 or 8") }
        guard (1...300).contains(period) else { throw .invalidParameters("period must be 1 to 300 seconds") }
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.epoch = epoch
    }

    /// The time step containing `time`.
    public func timeStep(at time: Date) throws(OneTimePasswordError) -> UInt64 {
        let elapsed = time.timeIntervalSince(epoch)
        guard elapsed >= 0, elapsed.isFinite, elapsed < Double(UInt64.max / 2) else { throw .timeBeforeEpoch }
        return UInt64(elapsed) / UInt64(period)
    }

    /// The code for `time`.
    public func code(at time: Date) throws -> String {
        try code(forStep: timeStep(at: time))
    }

    /// The HOTP value (RFC 4226 section 5.3) for a counter.
    public func code(forStep counter: UInt64) throws -> String {
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64($0))) }
        let mac = try algorithm.authenticationCode(for: message, key: secret)
        guard let last = mac.last else { return "" }
        let offset = Int(last & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// Checks `candidate` at `time`, accepting `window` steps either side for clock drift.
    ///
    /// - Parameters:
    ///   - candidate: the code the person typed.
    ///   - time: the time of the check.
    ///   - window: how many time steps either side of `time` are accepted.
    ///   - lastUsedStep: the step of the last code accepted for this secret; codes of that
    ///     step or earlier are refused (replay). Store the returned step after a success.
    /// - Returns: the matched time step, or `nil` if the code is not accepted.
    public func verify(_ candidate: String, at time: Date, window: Int = 1, lastUsedStep: UInt64? = nil) throws
        -> UInt64?
    {
        let bytes = Array(candidate.utf8)
        guard bytes.count == digits, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let current = try timeStep(at: time)
        let radius = UInt64(max(0, min(window, 10)))
        let lowest = current >= radius ? current - radius : 0
        var matched: UInt64?
        for step in lowest...(current + radius) {
            // Compute and compare every step so the time taken does not reveal which one matched.
            let expected = try code(forStep: step)
            if ConstantTime.equals(Array(expected.utf8), bytes), matched == nil { matched = step }
        }
        guard let matched else { return nil }
        if let lastUsedStep, matched <= lastUsedStep { return nil }
        return matched
    }

    /// The `otpauth://` provisioning URI understood by authenticator apps. It contains the secret:
    /// show it once (as a QR code) and never log it.
    public func provisioningURI(issuer: String, accountName: String) -> String {
        let secretText = Base32.encode(secret)
        func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }
        return "otpauth://totp/\(escape(issuer)):\(escape(accountName))?secret=\(secretText)&issuer=\(escape(issuer))"
            + "&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
    }

    public var description: String {
        "TimeBasedOneTimePassword(\(algorithm), \(digits) digits, \(period) s, secret redacted)"
    }
}

/// RFC 4648 base32 without padding, as `otpauth` URIs use (encoding only).
enum Base32 {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)]) }
        return output
    }
}
