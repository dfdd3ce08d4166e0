import COpenSSL

/// Owns one OpenSSL `X509`.
///
/// `@unchecked Sendable`: the object is fully parsed (and its extension cache populated) during
/// ``Certificate`` construction and never mutated afterwards, so it may be read concurrently,
/// e.g. by `X509_verify_cert` through another reference (``CertificateChainValidator``).
/// Operations that must change an `X509` (attaching an SM2 distinguishing ID for verification)
/// work on private copies made with ``decode(_:)``.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    /// A new, independent `X509` decoded from `der`; the caller owns (frees) it.
    static func decode(_ der: [UInt8]) throws(CryptoError) -> OpaquePointer {
        try OpenSSL.d2i(der, what: "Certificate") {
            d2i_X509(nil, $0, $1)
        } release: {
            X509_free($0)
        }
    }
}
