import EGovCrypto

/// Feeds the input to the key parsers as PEM text and as DER bytes. Whatever parses must
/// re-encode to something that parses back to the same key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPEMKey(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    if let text = String(validating: bytes, as: UTF8.self) {
        if let key = try? PrivateKey(pemRepresentation: text) { checkPrivate(key) }
        if let key = try? PublicKey(pemRepresentation: text) { checkPublic(key) }
    }
    if let key = try? PrivateKey(derRepresentation: bytes) { checkPrivate(key) }
    if let key = try? PublicKey(derRepresentation: bytes) { checkPublic(key) }
    return 0
}

private func checkPublic(_ key: PublicKey) {
    guard let again = try? PublicKey(derRepresentation: key.derRepresentation) else {
        fatalError("a parsed public key's own SPKI encoding does not parse")
    }
    precondition(again == key, "SPKI re-encoding is not stable")
    guard let fromPEM = try? PublicKey(pemRepresentation: key.pemRepresentation) else {
        fatalError("a parsed public key's own PEM does not parse")
    }
    precondition(fromPEM == key, "PEM round trip changed the public key")
}

private func checkPrivate(_ key: PrivateKey) {
    guard let pem = try? key.pkcs8PEMRepresentation(), let again = try? PrivateKey(pemRepresentation: pem) else {
        fatalError("a parsed private key's own PKCS#8 PEM does not parse")
    }
    precondition(again.publicKey == key.publicKey, "PKCS#8 round trip changed the key")
    checkPublic(key.publicKey)
}
