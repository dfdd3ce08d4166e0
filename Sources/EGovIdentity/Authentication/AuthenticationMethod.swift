import EGovCore

/// Ways a person can authenticate to the unified account.
public enum AuthenticationMethod: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A password (knowledge).
    case password
    /// A one-time code sent by SMS (possession of the phone number; weaker than an app).
    case smsOneTimeCode = "sms"
    /// A TOTP code from an authenticator app (RFC 6238; possession).
    case totp
    /// A face match against the identity-card photo, reported by an external provider (inherence).
    /// Counts only with liveness detection and a score at or above the policy's threshold.
    case faceMatch = "face"
    /// An officer checked the person and their identity document at a counter.
    case inPersonCounter = "counter"
    /// Login with a certificate whose key is held in software (possession).
    case softwareCertificate = "swk"
    /// Login with a certificate whose key is on a smart card or secure element behind a PIN.
    case hardwareCertificate = "hwk"

    /// The kind of factor the method proves.
    public var factor: AuthenticationFactor {
        switch self {
        case .password: .knowledge
        case .smsOneTimeCode, .totp, .softwareCertificate, .hardwareCertificate: .possession
        case .faceMatch: .inherence
        case .inPersonCounter: .inPerson
        }
    }

    /// The RFC 8176 `amr` value (`counter` is EGovKit's own; RFC 8176 has none for it).
    public var amr: String {
        switch self {
        case .password: "pwd"
        case .smsOneTimeCode: "sms"
        case .totp: "otp"
        case .faceMatch: "face"
        case .inPersonCounter: "counter"
        case .softwareCertificate: "swk"
        case .hardwareCertificate: "hwk"
        }
    }

    public static func < (lhs: AuthenticationMethod, rhs: AuthenticationMethod) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Kinds of authentication factor.
public enum AuthenticationFactor: String, Sendable, Hashable, Codable {
    /// Something the person knows.
    case knowledge
    /// Something the person has.
    case possession
    /// Something the person is.
    case inherence
    /// A physical identity check by an officer.
    case inPerson
}
