import CZlib

/// ZLIB (RFC 1950) compression and bounded decompression through the system zlib.
enum ZlibCodec {
    /// Compresses `bytes` into one ZLIB stream at the best compression level.
    static func compress(_ bytes: [UInt8]) throws(StatusListError) -> [UInt8] {
        var destinationLength = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = output.withUnsafeMutableBufferPointer { destination in
            bytes.withUnsafeBufferPointer { source in
                compress2(
                    destination.baseAddress, &destinationLength, source.baseAddress, uLong(source.count),
                    Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { throw .compressionFailed("zlib returned \(status)") }
        output.removeSubrange(Int(destinationLength)...)
        return output
    }

    /// Inflates exactly one complete ZLIB stream, refusing output beyond `limit` bytes (inflating
    /// stops as soon as the limit is passed), a preset dictionary, truncation and trailing bytes.
    static func decompress(_ input: [UInt8], limit: Int) throws(StatusListError) -> [UInt8] {
        guard !input.isEmpty else { throw .invalidCompression("empty input") }
        let result: Result<[UInt8], StatusListError> = input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return .failure(.invalidCompression("empty input")) }
            var stream = z_stream()
            // windowBits 15: a zlib wrapper only (no gzip, no raw DEFLATE).
            guard inflateInit2_(&stream, 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return .failure(.compressionFailed("inflateInit failed"))
            }
            defer { inflateEnd(&stream) }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(source.count)
            var output: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                // Never offer zlib more room than one byte past the limit.
                let room = min(chunk.count, limit + 1 - output.count)
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(room)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = room - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return .failure(.decompressedTooLarge(limit: limit)) }
                switch status {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else {
                        return .failure(.invalidCompression("bytes follow the end of the ZLIB stream"))
                    }
                    return .success(output)
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress was possible: the input ended before the stream did.
                    return .failure(.invalidCompression("the ZLIB stream is truncated"))
                case Z_NEED_DICT:
                    return .failure(.invalidCompression("a preset dictionary is not allowed"))
                case Z_DATA_ERROR:
                    return .failure(.invalidCompression("corrupt header, data or checksum"))
                default:
                    return .failure(.compressionFailed("inflate returned \(status)"))
                }
            }
        }
        return try result.get()
    }
}
