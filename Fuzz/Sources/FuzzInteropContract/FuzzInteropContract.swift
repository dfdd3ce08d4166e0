import EGovCore
import EGovInterop
import Foundation

/// Feeds the input to `DataServiceContract.decode(from:)` (size limit, strict JSON, shape, then
/// `validate()`). A contract that decodes must validate with no issue, generate an OpenAPI document
/// that serialises to canonical JSON and parses back equal, and re-encode to canonical JSON that
/// decodes to the same contract.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInteropContract(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let contract = try? DataServiceContract.decode(from: bytes) else { return 0 }
    precondition(contract.validate().isEmpty, "a decoded contract has issues")
    _ = contract.effectiveConsentCategory
    for purpose in contract.purposes { precondition(contract.purpose(purpose.code) != nil, "a listed purpose is not found") }
    for consumer in contract.consumers { precondition(contract.allows(consumer), "a listed consumer is not allowed") }

    let document = OpenAPIGenerator.document(for: contract)
    guard let serialised = try? CanonicalJSON.serialize(document), let parsed = try? JSONValue.parse(serialised) else {
        fatalError("the OpenAPI document does not serialise to canonical JSON that parses")
    }
    precondition(parsed == document, "the OpenAPI document changed through canonical JSON")

    guard let canonical = try? contract.canonicalJSON() else { fatalError("a decoded contract does not encode") }
    let again: DataServiceContract
    do {
        again = try DataServiceContract.decode(from: canonical)
    } catch {
        fatalError("a decoded contract's canonical JSON does not decode: \(error.code) \(error.reason)")
    }
    precondition(again == contract, "the canonical JSON round trip changed the contract")
    return 0
}
