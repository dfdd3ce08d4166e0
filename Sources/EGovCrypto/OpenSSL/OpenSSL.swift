import COpenSSL
import Foundation

/// Internal helpers around the OpenSSL C API: error-queue handling, BIOs and byte buffers.
enum OpenSSL {
    /// Drains OpenSSL's thread-local error queue and returns a short description of the first error.
    ///
    /// Every failing OpenSSL call leaves entries on the queue; leaving them would make a later,
    /// unrelated call appear to fail, so every error path goes through here or ``clearErrors()``.
    static func drainErrors() -> String {
        var first: String?
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if first == nil {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                first = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return first ?? "no detail"
    }

    /// Discards any pending OpenSSL errors.
    static func clearErrors() { ERR_clear_error() }

    /// A `CryptoError.engineFailure` carrying the drained OpenSSL error text.
    static func failure(_ operation: String) -> CryptoError {
        .engineFailure(operation: operation, detail: drainErrors())
    }

    /// Runs `body` with a read-only memory BIO over `bytes`. The BIO does not copy its input, so
    /// it is only valid inside `body`.
    static func withMemoryBIO<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> R) throws -> R {
        try bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                throw failure("BIO_new_mem_buf")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Serialises with an OpenSSL `i2d_*` function into a byte array.
    static func i2d(
        _ operation: String,
        _ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) throws(CryptoError) -> [UInt8] {
        let length = encode(nil)
        guard length > 0 else { throw failure(operation) }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return encode(&cursor)
        }
        guard written == length else { throw failure(operation) }
        return output
    }

    /// Parses DER with an OpenSSL `d2i_*` function and insists that every input byte is consumed.
    ///
    /// Pass `release` (the matching `*_free`) so that an object decoded from input with trailing
    /// bytes is freed when it is refused; without it that object leaks.
    static func d2i<T>(
        _ bytes: [UInt8],
        what: String,
        _ decode: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> T?,
        release: (T) -> Void
    ) throws(CryptoError) -> T {
        let result: (T?, Int) = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (nil, 0) }
            var cursor: UnsafePointer<UInt8>? = base
            let value = decode(&cursor, buffer.count)
            let consumed = cursor.map { $0 - base } ?? 0
            return (value, consumed)
        }
        guard let value = result.0 else {
            clearErrors()
            throw .malformedDER(what: what)
        }
        guard result.1 == bytes.count else {
            release(value)
            clearErrors()
            throw .malformedDER(what: "\(what): \(bytes.count - result.1) trailing bytes")
        }
        return value
    }

    /// Refuses `bytes` (already decoded by OpenSSL) unless they are DER: `reencodeSigned` forces
    /// a fresh encoding of the signed part (OpenSSL otherwise writes back its cached input bytes),
    /// then `encode` must write exactly `bytes`.
    static func requireDER(
        _ bytes: [UInt8], what: String,
        reencodeSigned: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32,
        encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) throws(CryptoError) {
        defer { clearErrors() }
        guard (try? i2d("re-encoding \(what)", reencodeSigned)) != nil,
            let encoded = try? i2d("encoding \(what)", encode), encoded == bytes
        else { throw .malformedDER(what: "\(what): not DER") }
    }

    /// The contents of a memory BIO as bytes.
    static func contents(of bio: OpaquePointer) -> [UInt8] {
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let read = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            if read <= 0 { break }
            output.append(contentsOf: chunk[0..<Int(read)])
        }
        return output
    }
}

extension DataProtocol {
    /// The bytes as a contiguous array (no copy when already an array).
    @inline(__always)
    var egovBytes: [UInt8] {
        if let array = self as? [UInt8] { return array }
        return Array(self)
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with a pointer that is never null, even for an empty array (some OpenSSL
    /// entry points refuse a null pointer with a zero length).
    @inline(__always)
    func withNonNullBytes<R>(_ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, !buffer.isEmpty { return try body(base, buffer.count) }
            let placeholder: UInt8 = 0
            return try withUnsafePointer(to: placeholder) { try body($0, 0) }
        }
    }
}
