import CBenchOpenSSL

/// The baseline for chain validation: `X509_verify_cert` called directly, as a C program would.
///
/// The certificates (and the optional CRL) are parsed from DER once; the `X509_STORE` holding
/// the root and the untrusted stack holding the intermediate are built once. Every ``verify()``
/// uses a fresh `X509_STORE_CTX` with the verification time, `X509_V_FLAG_X509_STRICT` and, when
/// a CRL was given, `X509_V_FLAG_CRL_CHECK` (leaf only).
public final class RawChainVerifier: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let store: OpaquePointer
    let untrusted: OpaquePointer
    let leaf: OpaquePointer
    let crls: OpaquePointer?
    let time: time_t

    /// Parses `leaf`, `intermediate`, `root` (and `crl`, DER) and prepares the store.
    public init(
        leaf leafDER: [UInt8], intermediate intermediateDER: [UInt8], root rootDER: [UInt8], crl crlDER: [UInt8]? = nil,
        time: Int
    ) throws(Failure) {
        func certificate(_ der: [UInt8]) -> OpaquePointer? {
            der.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return d2i_X509(nil, &cursor, buffer.count)
            }
        }
        guard let leaf = certificate(leafDER), let intermediate = certificate(intermediateDER),
            let root = certificate(rootDER), let store = X509_STORE_new(), let untrusted = OPENSSL_sk_new_null()
        else { throw Failure(description: "could not parse the certificates") }
        X509_STORE_add_cert(store, root)
        X509_free(root)
        OPENSSL_sk_push(untrusted, UnsafeRawPointer(intermediate))
        self.store = store
        self.untrusted = untrusted
        self.leaf = leaf
        self.time = time_t(time)
        if let crlDER {
            let crl: OpaquePointer? = crlDER.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                return d2i_X509_CRL(nil, &cursor, buffer.count)
            }
            guard let crl, let stack = OPENSSL_sk_new_null() else { throw Failure(description: "could not parse the CRL") }
            OPENSSL_sk_push(stack, UnsafeRawPointer(crl))
            crls = stack
        } else {
            crls = nil
        }
    }

    deinit {
        X509_STORE_free(store)
        OPENSSL_sk_pop_free(untrusted) { X509_free(OpaquePointer($0)) }
        X509_free(leaf)
        if let crls { OPENSSL_sk_pop_free(crls) { X509_CRL_free(OpaquePointer($0)) } }
    }

    /// One `X509_verify_cert` on a fresh context; returns the chain length, or nil on failure.
    public func verify() -> Int? {
        guard let context = X509_STORE_CTX_new() else { return nil }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf, untrusted) == 1 else { return nil }
        var flags = UInt(X509_V_FLAG_X509_STRICT)
        if let crls {
            X509_STORE_CTX_set0_crls(context, crls)
            flags |= UInt(X509_V_FLAG_CRL_CHECK)
        }
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time)
        X509_VERIFY_PARAM_set_flags(parameters, flags)
        guard X509_verify_cert(context) == 1, let chain = X509_STORE_CTX_get0_chain(context) else {
            ERR_clear_error()
            return nil
        }
        return Int(OPENSSL_sk_num(chain))
    }
}
