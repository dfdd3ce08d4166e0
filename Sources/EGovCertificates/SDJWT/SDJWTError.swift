import EGovCore
import EGovCrypto

/// Why an SD-JWT (RFC 9901) was refused, or could not be issued or presented.
///
/// Each case names the first problem found; nothing is repaired. Neither ``code`` nor ``reason``
/// ever contains a disclosed value, a salt or a digest: errors end up in logs, and the values
/// are personal data. Claim *names* appear only where they are fixed protocol names (`iss`,
/// `_sd`, …) or come from the caller's own request.
public enum SDJWTError: EGovError, Equatable {
    /// The input is larger than the limit, in bytes.
    case tooLarge(limit: Int)
    /// The `~`-separated structure is wrong (RFC 9901 section 4): no tilde, an empty disclosure,
    /// or an issuer-signed JWT or KB-JWT that is not three base64url segments.
    case malformed(String)
    /// More disclosures than the limit.
    case tooManyDisclosures(limit: Int)
    /// A disclosure is not strict base64url of a JSON array of 2 or 3 elements with a string salt
    /// (and a string claim name).
    case invalidDisclosure(String)
    /// A disclosure names the claim `_sd` or `...`, which RFC 9901 section 4.2.1 forbids, or
    /// issuance input uses a reserved name (`_sd`, `_sd_alg`, `...`).
    case reservedClaimName
    /// The same disclosure is present more than once.
    case duplicateDisclosure
    /// JSON nesting (counting disclosures inserted into their parents) exceeds the limit.
    case tooDeep(limit: Int)
    /// The issuer-signed JWT did not verify (its signature, header, or `typ`).
    case issuerSignatureInvalid(JWSError)
    /// No issuer key was found for the issuer-signed JWT.
    case issuerKeyUnavailable(String)
    /// The issuer-signed JWT payload is not a JSON object, or is otherwise unusable.
    case invalidPayload(String)
    /// `_sd_alg` names a hash algorithm this verifier does not accept.
    case unsupportedHashAlgorithm(String)
    /// `_sd_alg` is not a string, or appears below the top level (RFC 9901 section 4.1.1).
    case misplacedHashAlgorithmClaim
    /// An `_sd` member is not an array of strings (RFC 9901 section 4.2.4.1).
    case invalidDigestArray
    /// An array element with `...` is not an object whose only member is `...` with a string
    /// value, or `...` appears as an ordinary object member (RFC 9901 section 4.2.4.2).
    case invalidArrayElementDigest
    /// A digest appears more than once in the payload or the disclosures (RFC 9901 section 7.1
    /// step 4).
    case duplicateDigest
    /// A disclosure's digest is referenced by no `_sd` array or `...` element (RFC 9901
    /// section 7.1 step 5).
    case unreferencedDisclosure
    /// An object-property disclosure is referenced from an array, or an array-element
    /// disclosure from an `_sd` array (RFC 9901 section 7.1 step 3).
    case disclosureKindMismatch
    /// A disclosed claim name already exists at its level (RFC 9901 section 7.1 step 3.3.2.3).
    case claimNameClash
    /// The SD-JWT has expired (`exp`) or is not yet valid (`nbf`), or these claims are malformed.
    case validityPeriod(String)
    /// Key binding is required but the presentation has no KB-JWT.
    case keyBindingMissing
    /// The presentation carries a KB-JWT but this verifier was not asked to check one, or a KB-JWT
    /// was given to a holder operation that expects a plain SD-JWT (RFC 9901 section 7.2).
    case keyBindingUnexpected
    /// The SD-JWT has no usable holder key (`cnf.jwk`) to check key binding with.
    case holderKeyMissing
    /// `cnf.jwk` is not a valid public JWK, or the KB-JWT algorithm does not fit it.
    case holderKeyInvalid(String)
    /// The holder's signing key is not the key in `cnf.jwk`.
    case holderKeyMismatch
    /// The KB-JWT's `typ` is not `kb+jwt`.
    case keyBindingWrongType
    /// The KB-JWT's signature or header did not verify with the holder key.
    case keyBindingSignatureInvalid(JWSError)
    /// A required KB-JWT claim (`iat`, `aud`, `nonce`, `sd_hash`) is missing or has the wrong type.
    case keyBindingClaimInvalid(String)
    /// The KB-JWT's `aud` is not the expected audience.
    case keyBindingAudienceMismatch
    /// The KB-JWT's `nonce` is not the expected nonce.
    case keyBindingNonceMismatch
    /// The KB-JWT's `iat` is older than the freshness window allows.
    case keyBindingStale
    /// The KB-JWT's `iat` lies in the future beyond the allowed clock skew.
    case keyBindingIssuedInFuture
    /// The KB-JWT's `sd_hash` does not match the presented SD-JWT.
    case keyBindingHashMismatch
    /// Issuance was asked to make a claim selectively disclosable that must stay in the clear
    /// (`iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity`, `status`).
    case claimNotDisclosable(String)
    /// A disclosure plan path, or a path asked for in a presentation, names nothing in the claims.
    case pathNotFound(String)
    /// A path asked for in a presentation lies inside a disclosure that would also reveal claims
    /// that were not asked for (members or elements issued in the clear beside it).
    case overDisclosure(String)
    /// A claim path is malformed.
    case invalidClaimPath(String)
    /// The claims or the plan cannot be issued (e.g. `cnf` given twice, a non-finite number).
    case invalidIssuanceInput(String)
    /// Signing failed, or random salts could not be drawn.
    case signingFailed(String)

    /// A stable machine-readable code (`certificates.sdjwt.*`).
    public var code: String {
        switch self {
        case .tooLarge: "certificates.sdjwt.too_large"
        case .malformed: "certificates.sdjwt.malformed"
        case .tooManyDisclosures: "certificates.sdjwt.too_many_disclosures"
        case .invalidDisclosure: "certificates.sdjwt.invalid_disclosure"
        case .reservedClaimName: "certificates.sdjwt.reserved_claim_name"
        case .duplicateDisclosure: "certificates.sdjwt.duplicate_disclosure"
        case .tooDeep: "certificates.sdjwt.too_deep"
        case .issuerSignatureInvalid: "certificates.sdjwt.issuer_signature_invalid"
        case .issuerKeyUnavailable: "certificates.sdjwt.issuer_key_unavailable"
        case .invalidPayload: "certificates.sdjwt.invalid_payload"
        case .unsupportedHashAlgorithm: "certificates.sdjwt.unsupported_sd_alg"
        case .misplacedHashAlgorithmClaim: "certificates.sdjwt.misplaced_sd_alg"
        case .invalidDigestArray: "certificates.sdjwt.invalid_sd_array"
        case .invalidArrayElementDigest: "certificates.sdjwt.invalid_array_element_digest"
        case .duplicateDigest: "certificates.sdjwt.duplicate_digest"
        case .unreferencedDisclosure: "certificates.sdjwt.unreferenced_disclosure"
        case .disclosureKindMismatch: "certificates.sdjwt.disclosure_kind_mismatch"
        case .claimNameClash: "certificates.sdjwt.claim_name_clash"
        case .validityPeriod: "certificates.sdjwt.validity_period"
        case .keyBindingMissing: "certificates.sdjwt.kb_missing"
        case .keyBindingUnexpected: "certificates.sdjwt.kb_unexpected"
        case .holderKeyMissing: "certificates.sdjwt.holder_key_missing"
        case .holderKeyInvalid: "certificates.sdjwt.holder_key_invalid"
        case .holderKeyMismatch: "certificates.sdjwt.holder_key_mismatch"
        case .keyBindingWrongType: "certificates.sdjwt.kb_wrong_typ"
        case .keyBindingSignatureInvalid: "certificates.sdjwt.kb_signature_invalid"
        case .keyBindingClaimInvalid: "certificates.sdjwt.kb_claim_invalid"
        case .keyBindingAudienceMismatch: "certificates.sdjwt.kb_audience_mismatch"
        case .keyBindingNonceMismatch: "certificates.sdjwt.kb_nonce_mismatch"
        case .keyBindingStale: "certificates.sdjwt.kb_stale"
        case .keyBindingIssuedInFuture: "certificates.sdjwt.kb_issued_in_future"
        case .keyBindingHashMismatch: "certificates.sdjwt.kb_sd_hash_mismatch"
        case .claimNotDisclosable: "certificates.sdjwt.claim_not_disclosable"
        case .pathNotFound: "certificates.sdjwt.path_not_found"
        case .overDisclosure: "certificates.sdjwt.over_disclosure"
        case .invalidClaimPath: "certificates.sdjwt.invalid_claim_path"
        case .invalidIssuanceInput: "certificates.sdjwt.invalid_issuance_input"
        case .signingFailed: "certificates.sdjwt.signing_failed"
        }
    }

    /// A readable explanation, free of disclosed values, salts and digests.
    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the SD-JWT exceeds \(limit) bytes"
        case .malformed(let detail): "malformed SD-JWT: \(detail)"
        case .tooManyDisclosures(let limit): "the SD-JWT has more than \(limit) disclosures"
        case .invalidDisclosure(let detail): "invalid disclosure: \(detail)"
        case .reservedClaimName: "a disclosure or claim uses a reserved name (_sd, _sd_alg or ...)"
        case .duplicateDisclosure: "a disclosure is present more than once"
        case .tooDeep(let limit): "the claims are nested deeper than \(limit) levels"
        case .issuerSignatureInvalid(let error): "the issuer-signed JWT did not verify: \(error.reason)"
        case .issuerKeyUnavailable(let detail): "no issuer key: \(detail)"
        case .invalidPayload(let detail): "invalid issuer-signed JWT payload: \(detail)"
        case .unsupportedHashAlgorithm(let name): "_sd_alg \(name) is not accepted"
        case .misplacedHashAlgorithmClaim: "_sd_alg must be a string at the top level of the payload"
        case .invalidDigestArray: "an _sd member is not an array of strings"
        case .invalidArrayElementDigest:
            "an array-element digest must be an object whose only member is ... with a string value"
        case .duplicateDigest: "a digest appears more than once"
        case .unreferencedDisclosure: "a disclosure is not referenced by any digest"
        case .disclosureKindMismatch:
            "an object-property disclosure is referenced from an array, or an array-element disclosure from _sd"
        case .claimNameClash: "a disclosed claim name already exists at its level"
        case .validityPeriod(let detail): "the SD-JWT is not valid now: \(detail)"
        case .keyBindingMissing: "key binding is required but there is no KB-JWT"
        case .keyBindingUnexpected: "a KB-JWT is present where none is expected"
        case .holderKeyMissing: "the SD-JWT has no holder key in cnf.jwk"
        case .holderKeyInvalid(let detail): "the holder key is unusable: \(detail)"
        case .holderKeyMismatch: "the holder signing key is not the key in cnf.jwk"
        case .keyBindingWrongType: "the KB-JWT typ is not kb+jwt"
        case .keyBindingSignatureInvalid(let error): "the KB-JWT did not verify: \(error.reason)"
        case .keyBindingClaimInvalid(let name): "the KB-JWT claim \(name) is missing or malformed"
        case .keyBindingAudienceMismatch: "the KB-JWT aud is not the expected audience"
        case .keyBindingNonceMismatch: "the KB-JWT nonce is not the expected nonce"
        case .keyBindingStale: "the KB-JWT iat is older than the freshness window"
        case .keyBindingIssuedInFuture: "the KB-JWT iat lies in the future"
        case .keyBindingHashMismatch: "the KB-JWT sd_hash does not match the presented SD-JWT"
        case .claimNotDisclosable(let name): "the claim \(name) must not be selectively disclosable"
        case .pathNotFound(let path): "the claim path \(path) names nothing in the SD-JWT"
        case .overDisclosure(let path):
            "disclosing \(path) would also reveal claims that were not asked for"
        case .invalidClaimPath(let detail): "invalid claim path: \(detail)"
        case .invalidIssuanceInput(let detail): "cannot issue: \(detail)"
        case .signingFailed(let detail): "signing failed: \(detail)"
        }
    }
}
