import COpenSSL

/// Owns one OpenSSL `X509_CRL`.
///
/// `@unchecked Sendable`: the CRL is fully decoded when ``CertificateRevocationList`` is created
/// and never mutated afterwards; verification only reads it (OpenSSL takes its own reference
/// when the CRL is placed on a verification context).
final class X509CRLHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_CRL_free(pointer) }
}
