import COpenSSL

/// Support for SM2-signed CRLs inside `X509_verify_cert`.
///
/// OpenSSL 3.0 verifies CRL signatures without a distinguishing ID (there is no
/// `X509_CRL_set0_distinguishing_id`), so an SM2 CRL signed with the GM/T 0009 default ID fails
/// with `X509_V_ERR_CRL_SIGNATURE_FAILURE`. The verify callback intercepts exactly that error
/// for SM2-signed CRLs and re-verifies the CRL signature (over the exact TBS bytes) with the
/// issuer's key and the validator's ID; only if that succeeds is the error cleared.
///
/// Immutable after construction; passed to the callback through the context's ex_data slot 0.
final class SM2CRLVerification: Sendable {
    let id: SM2DistinguishingID

    init(id: SM2DistinguishingID) { self.id = id }

    static let callback: @convention(c) (Int32, OpaquePointer?) -> Int32 = { ok, context in
        guard ok == 0, let context,
            X509_STORE_CTX_get_error(context) == X509_V_ERR_CRL_SIGNATURE_FAILURE,
            let raw = X509_STORE_CTX_get_ex_data(context, 0),
            let crl = X509_STORE_CTX_get0_current_crl(context),
            let issuer = issuerOfCurrentCRL(context)
        else { return ok }
        let verification = Unmanaged<SM2CRLVerification>.fromOpaque(raw).takeUnretainedValue()
        guard verification.verify(crl: crl, issuer: issuer) else { return ok }
        X509_STORE_CTX_set_error(context, X509_V_OK)
        return 1
    }

    /// The issuer OpenSSL's `check_crl` used: the alternative CRL issuer if one was found,
    /// otherwise the next certificate up the chain (or the last one).
    private static func issuerOfCurrentCRL(_ context: OpaquePointer) -> OpaquePointer? {
        if let issuer = X509_STORE_CTX_get0_current_issuer(context) { return issuer }
        guard let chain = X509_STORE_CTX_get0_chain(context) else { return nil }
        let last = OPENSSL_sk_num(chain) - 1
        let depth = X509_STORE_CTX_get_error_depth(context)
        let index = depth < last ? depth + 1 : last
        return OPENSSL_sk_value(chain, index).map { OpaquePointer($0) }
    }

    private func verify(crl: OpaquePointer, issuer: OpaquePointer) -> Bool {
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_CRL_get0_signature(crl, nil, &algorithm)
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard X509Support.oidText(object) == X509Support.sm2WithSM3OID,
            let der = try? OpenSSL.i2d("i2d_X509_CRL", { i2d_X509_CRL(crl, $0) }),
            let parts = CertificateRevocationList.signedParts(der),
            let issuerKey = X509_get0_pubkey(issuer), EVP_PKEY_up_ref(issuerKey) == 1,
            let key = try? EVPKey(taking: issuerKey), key.keyType == .sm2
        else {
            OpenSSL.clearErrors()
            return false
        }
        let valid = try? SignatureEngine.verify(
            parts.signature, message: parts.tbs, key: key, algorithm: .sm2, sm2ID: id)
        return valid == true
    }
}
