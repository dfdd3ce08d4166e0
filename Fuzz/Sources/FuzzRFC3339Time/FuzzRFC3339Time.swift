import EGovCore
import Foundation

/// Feeds the input to the strict RFC 3339 parser at both precisions: whatever is accepted must be
/// written back byte for byte (one spelling per instant), and formatting never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRFC3339Time(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    else { return 0 }
    for precision in [RFC3339Time.Precision.seconds, .milliseconds] {
        if let date = RFC3339Time.parse(text, precision: precision) {
            precondition(RFC3339Time.format(date, precision: precision) == text, "accepted text does not round-trip")
            precondition(RFC3339Time.truncate(date, to: precision) == date, "accepted time is not at its precision")
        }
    }
    // Any 8 bytes as a time interval: formatting clamps, never traps.
    if size >= 8 {
        let bits = UnsafeRawPointer(data).loadUnaligned(as: UInt64.self)
        let date = Date(timeIntervalSince1970: Double(bitPattern: bits))
        _ = RFC3339Time.format(date, precision: .seconds)
        _ = RFC3339Time.format(date, precision: .milliseconds)
    }
    return 0
}
