import EGovCatalogue
import Foundation

/// Feeds the input to the native catalogue JSON decoder and to the CPSV-AP JSON-LD importer. A
/// catalogue that decodes must validate without trapping, export to CPSV-AP JSON-LD and import
/// back to the same catalogue, and re-encode to native JSON that decodes to the same catalogue.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalogue(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let catalogue = try? CatalogueJSON.decode(bytes) { check(catalogue) }
    if let catalogue = try? CPSVAPJSONLD.importCatalogue(bytes) { check(catalogue) }
    return 0
}

private func check(_ catalogue: Catalogue) {
    _ = CatalogueValidator().validate(catalogue)
    // Export fails only for amounts canonical JSON cannot write and for identifiers or addresses that
    // are not IRI-safe; such a catalogue is not checked further.
    if let exported = try? CPSVAPJSONLD.exportData(catalogue) {
        guard let imported = try? CPSVAPJSONLD.importCatalogue(exported) else {
            fatalError("an exported catalogue does not import")
        }
        precondition(imported == catalogue, "the CPSV-AP round trip changed the catalogue")
    }
    guard let native = try? CatalogueJSON.encode(catalogue), let decoded = try? CatalogueJSON.decode(native) else {
        fatalError("a decoded catalogue does not re-encode and decode")
    }
    precondition(decoded == catalogue, "the native JSON round trip changed the catalogue")
}
