import EGovCore

/// Why a typed verification code was refused before any lookup.
public enum VerificationCodeError: EGovError, Equatable {
    /// Wrong length or characters.
    case malformed(String)
    /// The check character does not match: a typing error.
    case checkCharacterMismatch

    public var code: String {
        switch self {
        case .malformed: "certificates.verification_code.malformed"
        case .checkCharacterMismatch: "certificates.verification_code.check_character"
        }
    }

    public var reason: String {
        switch self {
        case .malformed(let detail): "malformed verification code: \(detail)"
        case .checkCharacterMismatch: "the check character does not match (a character was mistyped?)"
        }
    }
}
