import EGovCrypto

/// Feeds the input to `PKCS12Bundle` as a PKCS#12 file protected by the fixed password `fuzz`
/// (legacy protection allowed, so the legacy decryption paths are reached too) and by the empty
/// password (legacy refused). Whatever loads must hold a key that matches its certificate.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPKCS12(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    if let bundle = try? PKCS12Bundle(derRepresentation: bytes, password: "fuzz", allowLegacyEncryption: true) {
        check(bundle)
    }
    if let bundle = try? PKCS12Bundle(derRepresentation: bytes, password: [UInt8]()) { check(bundle) }
    return 0
}

private func check(_ bundle: PKCS12Bundle) {
    precondition(
        bundle.privateKey.publicKey == bundle.certificate.publicKey,
        "a loaded bundle's key does not match its certificate")
    precondition(bundle.chain.count < PKCS12Bundle.maximumCertificateCount, "certificate limit exceeded")
    precondition(!bundle.chain.contains(bundle.certificate), "the leaf certificate is repeated in the chain")
    _ = bundle.description
}
