import EGovCrypto

/// Feeds the input to `PEMDocument.parseAll`. Every parsed block must survive re-encoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPEMDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let documents = try? PEMDocument.parseAll(text) else { return 0 }
    precondition(!documents.isEmpty, "parseAll returned no document without throwing")
    for document in documents {
        guard let again = try? PEMDocument(parsing: document.pemString) else {
            fatalError("a parsed PEM block's own encoding does not parse")
        }
        precondition(again == document, "PEM round trip changed the block")
    }
    let bundle = documents.map(\.pemString).joined()
    guard let all = try? PEMDocument.parseAll(bundle), all == documents else {
        fatalError("a re-encoded bundle does not parse to the same blocks")
    }
    return 0
}
