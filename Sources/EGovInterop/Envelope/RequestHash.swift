import EGovCore
import EGovCrypto

/// The request hash that binds a response to one request: base64url(SHA-512(request body)),
/// the body being the exact compact JWS text sent.
public enum RequestHash {
    /// The hash of `body`.
    public static func compute(_ body: some Collection<UInt8>) -> String {
        Base64URL.encode(HashAlgorithm.sha512.hash(Array(body)))
    }

    /// Whether `hash` is the hash of `body` (compared in constant time).
    public static func matches(_ hash: String, body: some Collection<UInt8>) -> Bool {
        ConstantTime.equals(hash, compute(body))
    }
}
