import COpenSSL
import Foundation

/// Validates certificate chains with OpenSSL's `X509_verify_cert`, then applies
/// ``CertificatePurpose`` rules to the leaf.
///
/// OpenSSL checks (with `X509_V_FLAG_X509_STRICT`, partial chains off, at the given time):
/// chain building from the leaf through `intermediates` to one of `trustAnchors`, every
/// signature, validity periods, basic constraints, key usage keyCertSign of issuers, path length
/// constraints, the maximum depth and, depending on ``RevocationCheck``, CRLs.
///
/// Of several CRLs of one issuer and scope only the newest is handed to OpenSSL (highest
/// cRLNumber, then latest thisUpdate; see ``CertificateRevocationList/newest(_:)``), so the order
/// in which CRLs are supplied never matters; CRLs of different issuers are all kept.
///
/// The `X509` objects parsed when each ``Certificate`` was created are handed to OpenSSL as they
/// are (verification only reads them), and the returned chain reuses the supplied
/// ``Certificate`` values, so a validation parses no certificate again.
///
/// SM2: each SM2-signed certificate (signature algorithm 1.2.156.10197.1.501) gets the
/// validator's distinguishing ID attached (`X509_set0_distinguishing_id`) on a private copy, so
/// shared ``Certificate`` values are never mutated. SM2-signed CRLs are verified with the same
/// ID (OpenSSL itself would use an empty ID for CRLs).
///
/// Times are compared at whole-second granularity by OpenSSL: a certificate is valid from its
/// notBefore second, and OpenSSL already reports it as expired *at* its notAfter second (RFC 5280
/// calls the bound inclusive; the difference is that one second).
///
/// OpenSSL errors are mapped to ``ChainValidationFailure``:
/// - `CERT_HAS_EXPIRED` → ``ChainValidationFailure/expired``; `CERT_NOT_YET_VALID` →
///   ``ChainValidationFailure/notYetValid``; `CERT_REVOKED` → ``ChainValidationFailure/revoked``
/// - `UNABLE_TO_GET_ISSUER_CERT_LOCALLY` / `UNABLE_TO_GET_ISSUER_CERT` (the chain stops at a
///   certificate whose issuer was not supplied, e.g. a missing intermediate or a root that was
///   neither supplied nor trusted) → ``ChainValidationFailure/issuerNotFound``
/// - `SELF_SIGNED_CERT_IN_CHAIN` / `DEPTH_ZERO_SELF_SIGNED_CERT` (the chain reaches a
///   self-signed certificate that is not a trust anchor) → ``ChainValidationFailure/untrustedRoot``
/// - `PATH_LENGTH_EXCEEDED` → ``ChainValidationFailure/pathLengthExceeded``; `CERT_CHAIN_TOO_LONG`
///   → ``ChainValidationFailure/depthExceeded``
/// - `CERT_SIGNATURE_FAILURE`, `UNABLE_TO_DECRYPT_CERT_SIGNATURE` →
///   ``ChainValidationFailure/signatureInvalid``
/// - `INVALID_CA`, `KEYUSAGE_NO_CERTSIGN` → ``ChainValidationFailure/invalidCA``
/// - `UNABLE_TO_GET_CRL`, `UNABLE_TO_GET_CRL_ISSUER` → ``ChainValidationFailure/crlUnavailable``;
///   `CRL_HAS_EXPIRED` → ``ChainValidationFailure/crlExpired``; `CRL_NOT_YET_VALID` →
///   ``ChainValidationFailure/crlNotYetValid``; `CRL_SIGNATURE_FAILURE`,
///   `UNABLE_TO_DECRYPT_CRL_SIGNATURE`, `KEYUSAGE_NO_CRL_SIGN` →
///   ``ChainValidationFailure/crlSignatureInvalid``
/// - time-field, extension and RFC 5280 strict-mode errors → ``ChainValidationFailure/malformed``
/// - anything else → ``ChainValidationFailure/other(_:_:)`` with the code and OpenSSL's text.
public struct CertificateChainValidator: Sendable {
    /// The maximum number of intermediate CA certificates between the leaf and the trust anchor
    /// (OpenSSL's verification depth), within 0...32.
    public let maximumDepth: Int
    /// The SM2 distinguishing ID used for SM2-signed certificates and CRLs.
    public let sm2ID: SM2DistinguishingID

    /// Whether a trust anchor may be a CA certificate that is not self-signed (an intermediate),
    /// as trust lists that list issuing CAs require. Off by default: the chain must then end in a
    /// self-signed anchor.
    public let acceptsIntermediateAnchors: Bool

    /// Most trust anchors, intermediates or CRLs accepted per validation.
    public static let maximumInputCount = 1024

    /// Creates a validator. `maximumDepth` is limited to 0...32 (values outside are clamped).
    public init(
        maximumDepth: Int = 8, sm2ID: SM2DistinguishingID = .default, acceptsIntermediateAnchors: Bool = false
    ) {
        self.maximumDepth = min(max(maximumDepth, 0), 32)
        self.sm2ID = sm2ID
        self.acceptsIntermediateAnchors = acceptsIntermediateAnchors
    }

    /// Validates `leaf` for `purpose` at `time`.
    ///
    /// - Parameters:
    ///   - leaf: the end-entity certificate.
    ///   - intermediates: untrusted certificates that may be used to build the chain.
    ///   - trustAnchors: trusted roots; the chain must end in one of them.
    ///   - crls: CRLs to consult according to `revocation`.
    ///   - time: the validation time.
    ///   - purpose: the leaf rules applied after the chain validates.
    ///   - revocation: which certificates must be checked against CRLs.
    /// - Returns: the chain (leaf first, anchor last) or the failure.
    public func validate(
        _ leaf: Certificate, intermediates: [Certificate] = [], trustAnchors: [Certificate],
        crls: [CertificateRevocationList] = [], at time: Date, purpose: CertificatePurpose = .any,
        revocation: RevocationCheck = .leafWhenCRLsSupplied
    ) -> ChainValidationResult {
        guard intermediates.count <= Self.maximumInputCount,
            trustAnchors.count <= Self.maximumInputCount,
            crls.count <= Self.maximumInputCount
        else { return .invalid(.other(0, "too many certificates or CRLs supplied")) }
        guard !trustAnchors.isEmpty else { return .invalid(.issuerNotFound) }
        let chain: [Certificate]
        do {
            chain = try verifyChain(leaf, intermediates, trustAnchors, crls, time, revocation)
        } catch let failure {
            return .invalid(failure)
        }
        if let violation = purpose.violation(in: leaf) { return .invalid(.purposeMismatch(violation)) }
        return .valid(chain: chain)
    }

    /// Validates `leaf` against the anchors of `trustStore`; see
    /// ``validate(_:intermediates:trustAnchors:crls:at:purpose:revocation:)``.
    ///
    /// - Throws: whatever the trust store throws while loading anchors.
    public func validate(
        _ leaf: Certificate, intermediates: [Certificate] = [], trustStore: some TrustStore,
        crls: [CertificateRevocationList] = [], at time: Date, purpose: CertificatePurpose = .any,
        revocation: RevocationCheck = .leafWhenCRLsSupplied
    ) async throws -> ChainValidationResult {
        let anchors = try await trustStore.trustAnchors()
        return validate(
            leaf, intermediates: intermediates, trustAnchors: anchors, crls: crls, at: time,
            purpose: purpose,
            revocation: revocation)
    }

    /// An `X509` reference for `certificate` that the caller releases with `X509_free`.
    ///
    /// Certificates not signed with SM2 share the `X509` parsed when the ``Certificate`` was
    /// created (one more reference; verification only reads it, and its extension cache was
    /// populated at creation). SM2-signed certificates get a private copy with the validator's
    /// distinguishing ID attached, so shared ``Certificate`` values are never mutated.
    private func x509Reference(_ certificate: Certificate) throws(ChainValidationFailure)
        -> OpaquePointer
    {
        guard certificate.isSM2Signed else {
            guard X509_up_ref(certificate.handle.pointer) == 1 else { throw .other(0, "X509_up_ref failed") }
            return certificate.handle.pointer
        }
        guard let x509 = try? X509Handle.decode(certificate.derRepresentation) else { throw .malformed }
        guard let id = try? CertificateBuilder.octetString(sm2ID.bytes) else {
            X509_free(x509)
            throw .other(0, "could not allocate the SM2 distinguishing ID")
        }
        X509_set0_distinguishing_id(x509, id)  // takes ownership of `id`
        return x509
    }

    /// The ``Certificate`` for an `X509` of the built chain: the supplied certificate whose
    /// `X509` it is when its DER re-encodes to the same bytes (always, for DER input), otherwise
    /// one parsed from the re-encoding (as OpenSSL sees the certificate).
    private static func certificate(
        for x509: OpaquePointer, among supplied: [(x509: OpaquePointer, certificate: Certificate)]
    ) -> Certificate? {
        guard let der = try? OpenSSL.i2d("i2d_X509", { i2d_X509(x509, $0) }) else { return nil }
        if let match = supplied.first(where: { $0.x509 == x509 }), match.certificate.derRepresentation == der {
            return match.certificate
        }
        return try? Certificate(derRepresentation: der)
    }

    private func verifyChain(
        _ leaf: Certificate, _ intermediates: [Certificate], _ anchors: [Certificate],
        _ crls: [CertificateRevocationList], _ time: Date, _ revocation: RevocationCheck
    ) throws(ChainValidationFailure) -> [Certificate] {
        defer { OpenSSL.clearErrors() }
        // Every X509 handed to OpenSSL, with the certificate it stands for (to map the built chain
        // back without re-parsing). These references are released on return; the store and the
        // untrusted stack hold their own.
        var supplied: [(x509: OpaquePointer, certificate: Certificate)] = []
        supplied.reserveCapacity(anchors.count + intermediates.count + 1)
        defer { for entry in supplied { X509_free(entry.x509) } }
        guard let store = X509_STORE_new() else { throw .other(0, "X509_STORE_new failed") }
        defer { X509_STORE_free(store) }
        for anchor in anchors {
            let x509 = try x509Reference(anchor)
            supplied.append((x509, anchor))
            // The store takes its own reference.
            guard X509_STORE_add_cert(store, x509) == 1 else { throw .other(0, "X509_STORE_add_cert failed") }
        }
        guard let untrusted = OPENSSL_sk_new_null() else { throw .other(0, "allocation failed") }
        defer { OPENSSL_sk_pop_free(untrusted) { X509_free(OpaquePointer($0)) } }
        for intermediate in intermediates {
            let x509 = try x509Reference(intermediate)
            supplied.append((x509, intermediate))
            // The stack's own reference, released by the pop_free above.
            guard X509_up_ref(x509) == 1 else { throw .other(0, "X509_up_ref failed") }
            guard OPENSSL_sk_push(untrusted, UnsafeRawPointer(x509)) > 0 else {
                X509_free(x509)
                throw .other(0, "allocation failed")
            }
        }
        let leafX509 = try x509Reference(leaf)
        supplied.append((leafX509, leaf))
        guard let crlStack = OPENSSL_sk_new_null() else { throw .other(0, "allocation failed") }
        defer { OPENSSL_sk_pop_free(crlStack) { X509_CRL_free(OpaquePointer($0)) } }
        // Only the newest CRL of each issuer and scope, in a fixed order: OpenSSL keeps the first
        // of equally timed CRLs, which would let an older CRL hide a revocation.
        for crl in CertificateRevocationList.newest(crls) {
            // OpenSSL only reads CRLs during verification; the stack holds its own reference.
            guard X509_CRL_up_ref(crl.handle.pointer) == 1 else {
                throw .other(0, "X509_CRL_up_ref failed")
            }
            guard OPENSSL_sk_push(crlStack, UnsafeRawPointer(crl.handle.pointer)) > 0 else {
                X509_CRL_free(crl.handle.pointer)
                throw .other(0, "allocation failed")
            }
        }

        guard let context = X509_STORE_CTX_new() else { throw .other(0, "X509_STORE_CTX_new failed") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leafX509, untrusted) == 1 else {
            throw .other(0, "X509_STORE_CTX_init failed")
        }
        X509_STORE_CTX_set0_crls(context, crlStack)
        guard let parameters = X509_STORE_CTX_get0_param(context) else {
            throw .other(0, "no verify parameters")
        }
        X509_VERIFY_PARAM_set_time(parameters, X509Support.epochSeconds(time))
        X509_VERIFY_PARAM_set_depth(parameters, Int32(maximumDepth))
        var flags = UInt(X509_V_FLAG_X509_STRICT)
        switch revocation {
        case .none: break
        case .leafWhenCRLsSupplied: if !crls.isEmpty { flags |= UInt(X509_V_FLAG_CRL_CHECK) }
        case .leaf: flags |= UInt(X509_V_FLAG_CRL_CHECK)
        case .fullChain: flags |= UInt(X509_V_FLAG_CRL_CHECK) | UInt(X509_V_FLAG_CRL_CHECK_ALL)
        }
        if acceptsIntermediateAnchors { flags |= UInt(X509_V_FLAG_PARTIAL_CHAIN) }
        X509_VERIFY_PARAM_set_flags(parameters, flags)
        if !acceptsIntermediateAnchors { X509_VERIFY_PARAM_clear_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN)) }

        // SM2-signed CRLs: OpenSSL verifies CRL signatures without a distinguishing ID; the
        // callback re-verifies such a CRL with ours (see SM2CRLVerification).
        let box = SM2CRLVerification(id: sm2ID)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        X509_STORE_CTX_set_ex_data(context, 0, unmanaged.toOpaque())
        X509_STORE_CTX_set_verify_cb(context, SM2CRLVerification.callback)

        let result = X509_verify_cert(context)
        let error = X509_STORE_CTX_get_error(context)
        guard result == 1, error == X509_V_OK else {
            throw Self.failure(for: error == X509_V_OK ? X509_V_ERR_UNSPECIFIED : error)
        }
        guard let built = X509_STORE_CTX_get0_chain(context) else { throw .other(0, "no chain") }
        var chain: [Certificate] = []
        for index in 0..<OPENSSL_sk_num(built) {
            guard let x509 = OPENSSL_sk_value(built, index),
                let certificate = Self.certificate(for: OpaquePointer(x509), among: supplied)
            else { throw .malformed }
            chain.append(certificate)
        }
        return chain
    }

    /// Maps an `X509_V_ERR_*` code to a typed failure.
    static func failure(for code: Int32) -> ChainValidationFailure {
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: return .expired
        case X509_V_ERR_CERT_NOT_YET_VALID: return .notYetValid
        case X509_V_ERR_CERT_REVOKED: return .revoked
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            return .issuerNotFound
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return .untrustedRoot
        case X509_V_ERR_PATH_LENGTH_EXCEEDED: return .pathLengthExceeded
        case X509_V_ERR_CERT_CHAIN_TOO_LONG: return .depthExceeded
        case X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
            return .signatureInvalid
        case X509_V_ERR_INVALID_CA, X509_V_ERR_KEYUSAGE_NO_CERTSIGN: return .invalidCA
        case X509_V_ERR_UNABLE_TO_GET_CRL, X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER: return .crlUnavailable
        case X509_V_ERR_CRL_HAS_EXPIRED: return .crlExpired
        case X509_V_ERR_CRL_NOT_YET_VALID: return .crlNotYetValid
        case X509_V_ERR_CRL_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE,
            X509_V_ERR_KEYUSAGE_NO_CRL_SIGN:
            return .crlSignatureInvalid
        case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD,
            X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD,
            X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, X509_V_ERR_NO_ISSUER_PUBLIC_KEY,
            X509_V_ERR_INVALID_EXTENSION,
            X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION,
            X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA, X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN,
            X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA, X509_V_ERR_ISSUER_NAME_EMPTY,
            X509_V_ERR_SUBJECT_NAME_EMPTY, X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER,
            X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER, X509_V_ERR_EMPTY_SUBJECT_ALT_NAME,
            X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL, X509_V_ERR_CA_BCONS_NOT_CRITICAL,
            X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL, X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL,
            X509_V_ERR_CA_CERT_MISSING_KEY_USAGE, X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3,
            X509_V_ERR_EC_KEY_EXPLICIT_PARAMS:
            return .malformed
        default:
            let text = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "unknown"
            return .other(code, text)
        }
    }
}
