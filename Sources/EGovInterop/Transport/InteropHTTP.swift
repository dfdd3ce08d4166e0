import HTTPTypes

/// The HTTP names EGovInterop uses.
public enum InteropHTTP {
    /// `X-Road-Client`: the consumer, `INSTANCE/CLASS/CODE[/SUBSYSTEM]`.
    public static let clientHeader = field("X-Road-Client")
    /// `X-Road-Id`: the message ID (response: the request's).
    public static let messageIDHeader = field("X-Road-Id")
    /// `X-Road-Request-Hash`: on responses, base64url SHA-512 of the request body.
    public static let requestHashHeader = field("X-Road-Request-Hash")
    /// `X-Road-Error`: on faults, `<fault>.<code>`.
    public static let errorHeader = field("X-Road-Error")
    /// The media type of envelopes (compact JWS).
    public static let envelopeMediaType = "application/jose"
    /// The media type of fault bodies.
    public static let faultMediaType = "application/json"

    private static func field(_ name: String) -> HTTPField.Name {
        // The names are constant tokens; the fallback is never taken.
        HTTPField.Name(name) ?? .contentType
    }
}
