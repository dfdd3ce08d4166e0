import CBenchOpenSSL

/// The baseline: signing and verifying with OpenSSL's EVP API directly, as a C program would.
///
/// Digests are fetched once; every operation uses a fresh `EVP_MD_CTX` (as EGovCrypto does), and
/// signatures are written into a caller-owned buffer.
public final class RawKey: @unchecked Sendable {
    public enum Algorithm: Sendable { case es256, edDSA, sm2, rs256 }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let pkey: OpaquePointer
    let algorithm: Algorithm
    let md: OpaquePointer?
    /// ASCII "1234567812345678", the GM/T 0009 default SM2 ID.
    let sm2ID: [UInt8] = Array("1234567812345678".utf8)

    /// The largest signature this key produces.
    public var maximumSignatureLength: Int { Int(EVP_PKEY_get_size(pkey)) }

    /// Loads a PEM private key (`isPrivate`) or `PUBLIC KEY`.
    public init(pem: String, algorithm: Algorithm, isPrivate: Bool) throws(Failure) {
        var bytes = Array(pem.utf8)
        let loaded: OpaquePointer? = bytes.withUnsafeMutableBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return isPrivate ? PEM_read_bio_PrivateKey(bio, nil, nil, nil) : PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let loaded else { throw Failure(description: "could not load the PEM key") }
        self.pkey = loaded
        self.algorithm = algorithm
        switch algorithm {
        case .es256, .rs256: md = EVP_MD_fetch(nil, "SHA256", nil)
        case .sm2: md = EVP_MD_fetch(nil, "SM3", nil)
        case .edDSA: md = nil
        }
    }

    deinit {
        EVP_PKEY_free(pkey)
        if let md { EVP_MD_free(md) }
    }

    /// Initialises `context` for signing or verification; returns a pkey context to free (SM2).
    private func initialise(_ context: OpaquePointer, signing: Bool) -> (ok: Bool, owned: OpaquePointer?) {
        if algorithm == .sm2 {
            guard let pkeyContext = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return (false, nil) }
            let set = sm2ID.withUnsafeBytes { EVP_PKEY_CTX_set1_id(pkeyContext, $0.baseAddress, Int32($0.count)) }
            EVP_MD_CTX_set_pkey_ctx(context, pkeyContext)
            let ok =
                signing
                ? EVP_DigestSignInit(context, nil, md, nil, pkey) : EVP_DigestVerifyInit(context, nil, md, nil, pkey)
            return (set == 1 && ok == 1, pkeyContext)
        }
        let ok =
            signing
            ? EVP_DigestSignInit(context, nil, md, nil, pkey) : EVP_DigestVerifyInit(context, nil, md, nil, pkey)
        return (ok == 1, nil)
    }

    /// Signs `message` into `signature`; returns the signature length, or nil on failure.
    public func sign(_ message: UnsafeRawBufferPointer, into signature: UnsafeMutableRawBufferPointer) -> Int? {
        guard let context = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(context) }
        let (ok, owned) = initialise(context, signing: true)
        defer { if let owned { EVP_PKEY_CTX_free(owned) } }
        guard ok else { return nil }
        var length = signature.count
        let signed = EVP_DigestSign(
            context, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        return signed == 1 ? length : nil
    }

    /// Verifies `signature` over `message`.
    public func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let (ok, owned) = initialise(context, signing: false)
        defer { if let owned { EVP_PKEY_CTX_free(owned) } }
        guard ok else { return false }
        let result = EVP_DigestVerify(
            context, signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        if result != 1 { ERR_clear_error() }
        return result == 1
    }
}

/// A raw SHA-256 (EVP_Digest with a digest fetched once), the baseline for digesting content.
public enum RawDigest {
    nonisolated(unsafe) private static let sha256 = EVP_MD_fetch(nil, "SHA256", nil)

    /// SHA-256 of `input` into `output` (32 bytes); returns whether it succeeded.
    public static func sha256(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
        var length: UInt32 = 0
        return EVP_Digest(
            input.baseAddress, input.count, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, sha256,
            nil)
            == 1
    }
}
