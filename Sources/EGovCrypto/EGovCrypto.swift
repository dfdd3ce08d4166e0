import COpenSSL
import EGovCore

/// Facts about the cryptographic engine EGovKit links against.
public enum CryptoEngine {
    /// The OpenSSL version string of the library loaded at run time, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    public static var openSSLVersion: String {
        String(cString: OpenSSL_version(Int32(OPENSSL_VERSION)))
    }
}
