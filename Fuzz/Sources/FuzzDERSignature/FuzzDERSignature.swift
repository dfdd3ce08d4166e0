import EGovCrypto

/// The first byte picks the component length (32, 48 or 66 bytes); the rest is a signature.
/// Strict DER means DER -> r‖s -> DER gives back the very same bytes, and r‖s -> DER -> r‖s too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDERSignature(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lengths = [32, 48, 66]
    let componentLength = lengths[Int(bytes[0]) % lengths.count]
    let input = Array(bytes.dropFirst())

    if let raw = try? ECDSASignature.rawRepresentation(fromDER: input, componentLength: componentLength) {
        precondition(raw.count == 2 * componentLength, "r‖s has the wrong length")
        guard let der = try? ECDSASignature.derRepresentation(fromRaw: raw, componentLength: componentLength) else {
            fatalError("r‖s from a strict DER signature does not convert back")
        }
        precondition(der == input, "DER -> r‖s -> DER is not the identity")
    }
    if input.count == 2 * componentLength {
        guard let der = try? ECDSASignature.derRepresentation(fromRaw: input, componentLength: componentLength),
            let raw = try? ECDSASignature.rawRepresentation(fromDER: der, componentLength: componentLength)
        else {
            fatalError("a well-sized r‖s signature does not round-trip through DER")
        }
        precondition(raw == input, "r‖s -> DER -> r‖s is not the identity")
    }
    return 0
}
