import EGovCrypto

/// Feeds the input to the JWK and JWKS parsers. A JWK that parses and converts to a key must
/// convert back to a JWK that yields the same key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWK(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let jwk = try? JWK(jsonBytes: bytes) {
        _ = try? jwk.thumbprint()
        if jwk.isPrivate, let key = try? PrivateKey(jwk: jwk) {
            guard let again = try? key.jwk(), let reparsed = try? PrivateKey(jwk: again) else {
                fatalError("a parsed private JWK does not re-export")
            }
            precondition(reparsed.publicKey == key.publicKey, "private JWK round trip changed the key")
        } else if let key = try? PublicKey(jwk: jwk) {
            guard let again = try? key.jwk(), let reparsed = try? PublicKey(jwk: again) else {
                fatalError("a parsed public JWK does not re-export")
            }
            precondition(reparsed == key, "public JWK round trip changed the key")
        }
    }
    if let set = try? JWKSet(jsonBytes: bytes) { _ = try? set.verificationKeys() }
    return 0
}
