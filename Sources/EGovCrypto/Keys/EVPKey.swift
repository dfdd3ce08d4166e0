import COpenSSL

/// Owns one OpenSSL `EVP_PKEY`.
///
/// `@unchecked Sendable`: the key is never mutated after construction, and OpenSSL 3 permits
/// concurrent signing and verification with one `EVP_PKEY` from several threads (each operation
/// uses its own `EVP_MD_CTX`/`EVP_PKEY_CTX`).
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    let keyType: KeyType

    /// Takes ownership of `pointer` and classifies it, freeing it if the key is not supported.
    init(taking pointer: OpaquePointer) throws(CryptoError) {
        do {
            self.keyType = try Self.classify(pointer)
        } catch {
            EVP_PKEY_free(pointer)
            throw error
        }
        self.pointer = pointer
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Determines the EGovKit key type, refusing anything outside the supported set.
    static func classify(_ pointer: OpaquePointer) throws(CryptoError) -> KeyType {
        if EVP_PKEY_is_a(pointer, "SM2") == 1 { return .sm2 }
        if EVP_PKEY_is_a(pointer, "ED25519") == 1 { return .ed25519 }
        if EVP_PKEY_is_a(pointer, "RSA") == 1 {
            let bits = Int(EVP_PKEY_get_bits(pointer))
            guard bits >= KeyType.minimumRSABits else {
                throw .keyTooSmall(bits: bits, minimum: KeyType.minimumRSABits)
            }
            guard bits <= KeyType.maximumRSABits else {
                throw .unsupportedKey("RSA modulus of \(bits) bits exceeds \(KeyType.maximumRSABits)")
            }
            try checkRSAPublicNumbers(pointer)
            return .rsa(bits: bits)
        }
        if EVP_PKEY_is_a(pointer, "EC") == 1 {
            var name = [CChar](repeating: 0, count: 80)
            var length = 0
            guard EVP_PKEY_get_group_name(pointer, &name, name.count, &length) == 1 else {
                OpenSSL.clearErrors()
                throw .unsupportedKey("EC key without a named curve (explicit parameters are refused)")
            }
            let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // OpenSSL 3 maps explicit domain parameters that equal a named curve back to that
            // curve's name, so the group name alone does not reveal them: ask explicitly.
            var explicit: Int32 = 0
            if EVP_PKEY_get_int_param(pointer, OSSL_PKEY_PARAM_EC_DECODED_FROM_EXPLICIT_PARAMS, &explicit) == 1 {
                guard explicit == 0 else {
                    throw .unsupportedKey("EC key with explicit curve parameters (only named curves are accepted)")
                }
            } else {
                OpenSSL.clearErrors()
            }
            switch group {
            case "prime256v1", "P-256", "secp256r1": return .p256
            case "secp384r1", "P-384": return .p384
            default: throw .unsupportedKey("EC curve \(group) is not supported")
            }
        }
        if EVP_PKEY_is_a(pointer, "RSA-PSS") == 1 {
            throw .unsupportedKey("PSS-restricted RSA keys (id-RSASSA-PSS) are not supported; use an rsaEncryption key")
        }
        throw .unsupportedKey("key type is not one of P-256, P-384, Ed25519, RSA, SM2")
    }

    /// Deterministic checks of an RSA public key: odd modulus, odd exponent with
    /// 3 <= e < 2^256 and e < n.
    ///
    /// OpenSSL 3.0's own RSA public-key check (SP 800-56B) runs Miller-Rabin with random bases on
    /// the modulus, so for a malformed modulus it can accept once and refuse the next time (found
    /// by the FuzzJWK campaign). Accepting or refusing a key must not depend on chance, so RSA
    /// keys get these deterministic checks on every import path instead. A modulus that is not a
    /// product of two primes cannot help anyone forge a signature under *another* key, so the
    /// verifier loses nothing by not testing the factorisation.
    static func checkRSAPublicNumbers(_ pointer: OpaquePointer) throws(CryptoError) {
        var modulus: OpaquePointer?
        var exponent: OpaquePointer?
        defer {
            BN_free(modulus)
            BN_free(exponent)
        }
        guard EVP_PKEY_get_bn_param(pointer, OSSL_PKEY_PARAM_RSA_N, &modulus) == 1,
            EVP_PKEY_get_bn_param(pointer, OSSL_PKEY_PARAM_RSA_E, &exponent) == 1,
            let modulus, let exponent
        else {
            OpenSSL.clearErrors()
            throw .unsupportedKey("RSA key without readable modulus and exponent")
        }
        guard BN_is_odd(modulus) == 1 else { throw .unsupportedKey("RSA modulus is even") }
        guard BN_is_odd(exponent) == 1, BN_num_bits(exponent) >= 2, BN_num_bits(exponent) <= 256 else {
            throw .unsupportedKey("RSA public exponent must be odd, at least 3 and below 2^256")
        }
        guard BN_cmp(exponent, modulus) < 0 else {
            throw .unsupportedKey("RSA public exponent is not below the modulus")
        }
    }
}
