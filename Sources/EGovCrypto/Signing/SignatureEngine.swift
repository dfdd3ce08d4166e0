import COpenSSL

/// Internal: one place that drives OpenSSL's `EVP_DigestSign*` / `EVP_DigestVerify*` for every
/// supported algorithm.
enum SignatureEngine {
    /// Prepares `context` for signing or verifying with `key` under `algorithm`.
    private static func initialise(
        _ context: OpaquePointer, key: EVPKey, algorithm: SignatureAlgorithm,
        sm2ID: SM2DistinguishingID, signing: Bool
    ) throws(CryptoError) -> OpaquePointer? {
        guard algorithm.isCompatible(with: key.keyType) else {
            throw .algorithmMismatch(algorithm: algorithm, keyType: key.keyType.description)
        }
        let md = algorithm.hashAlgorithm?.md
        if algorithm == .sm2 {
            // The ID must be attached to a pkey context *before* DigestSign/VerifyInit, because
            // the init computes Z_A. The md context does not own this pkey context.
            guard let pkeyContext = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
                throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey")
            }
            let idSet = sm2ID.bytes.withUnsafeBytes { buffer -> Int32 in
                // A non-null pointer is needed even for the empty ID.
                var empty: UInt8 = 0
                return EVP_PKEY_CTX_set1_id(
                    pkeyContext, buffer.baseAddress ?? withUnsafeMutablePointer(to: &empty) { UnsafeRawPointer($0) },
                    Int32(buffer.count))
            }
            guard idSet == 1 else {
                EVP_PKEY_CTX_free(pkeyContext)
                throw OpenSSL.failure("EVP_PKEY_CTX_set1_id")
            }
            EVP_MD_CTX_set_pkey_ctx(context, pkeyContext)
            let ok =
                signing
                ? EVP_DigestSignInit(context, nil, md, nil, key.pointer)
                : EVP_DigestVerifyInit(context, nil, md, nil, key.pointer)
            guard ok == 1 else {
                EVP_MD_CTX_set_pkey_ctx(context, nil)
                EVP_PKEY_CTX_free(pkeyContext)
                throw OpenSSL.failure(signing ? "EVP_DigestSignInit(SM2)" : "EVP_DigestVerifyInit(SM2)")
            }
            return pkeyContext
        }
        var pkeyContext: OpaquePointer?
        let ok =
            signing
            ? EVP_DigestSignInit(context, &pkeyContext, md, nil, key.pointer)
            : EVP_DigestVerifyInit(context, &pkeyContext, md, nil, key.pointer)
        guard ok == 1 else { throw OpenSSL.failure(signing ? "EVP_DigestSignInit" : "EVP_DigestVerifyInit") }
        switch algorithm {
        case .rs256:
            guard EVP_PKEY_CTX_set_rsa_padding(pkeyContext, RSA_PKCS1_PADDING) == 1 else {
                throw OpenSSL.failure("EVP_PKEY_CTX_set_rsa_padding")
            }
        case .ps256:
            // RFC 7518 section 3.5: MGF1 with the same hash, salt length equal to the hash length.
            guard EVP_PKEY_CTX_set_rsa_padding(pkeyContext, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pkeyContext, RSA_PSS_SALTLEN_DIGEST) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(pkeyContext, md) == 1
            else { throw OpenSSL.failure("configuring RSA-PSS") }
        default:
            break
        }
        return nil
    }

    /// Signs `message`; ECDSA and SM2 signatures are DER-encoded.
    static func sign(
        _ message: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID
    ) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        var owned: OpaquePointer?
        // The digest context refers to the SM2 pkey context without owning it: free it first.
        defer {
            EVP_MD_CTX_free(context)
            if let owned { EVP_PKEY_CTX_free(owned) }
        }
        owned = try initialise(context, key: key, algorithm: algorithm, sm2ID: sm2ID, signing: true)
        var length = Int(EVP_PKEY_get_size(key.pointer))
        guard length > 0 else { throw OpenSSL.failure("EVP_PKEY_get_size") }
        var signature = [UInt8](repeating: 0, count: length)
        let ok = message.withNonNullBytes { input, count in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_DigestSign(context, output.baseAddress, &length, input, count)
            }
        }
        guard ok == 1 else { throw OpenSSL.failure("EVP_DigestSign") }
        signature.removeSubrange(length...)
        return signature
    }

    /// Verifies `signature` over `message`. Returns `false` for any invalid or malformed signature.
    static func verify(
        _ signature: [UInt8], message: [UInt8], key: EVPKey, algorithm: SignatureAlgorithm,
        sm2ID: SM2DistinguishingID
    ) throws(CryptoError) -> Bool {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        var owned: OpaquePointer?
        defer {
            EVP_MD_CTX_free(context)
            if let owned { EVP_PKEY_CTX_free(owned) }
        }
        owned = try initialise(context, key: key, algorithm: algorithm, sm2ID: sm2ID, signing: false)
        let result = message.withNonNullBytes { input, count in
            signature.withNonNullBytes { sig, sigCount in
                EVP_DigestVerify(context, sig, sigCount, input, count)
            }
        }
        // 1 = valid, 0 = invalid, negative = malformed; all but 1 are "not valid". Clear the
        // queue so a rejected signature does not leave errors for unrelated later calls.
        if result != 1 { OpenSSL.clearErrors() }
        return result == 1
    }
}
