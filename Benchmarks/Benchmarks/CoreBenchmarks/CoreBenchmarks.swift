import Benchmark
import BenchmarkSupport
import EGovCore
import EGovCrypto
import Foundation

/// EGovCore's strict encoders and parsers next to Foundation's (the naive baseline), on the sizes
/// JOSE handles: a 4 KiB payload and a 1.8 KiB JWS header with a two-certificate x5c.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault(maxDuration: .seconds(2))
    let payload = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let encoded = Base64URL.encode(payload)
    let standard = Data(payload).base64EncodedString()
    let certificate = Data((0..<650).map { UInt8(truncatingIfNeeded: $0 &* 13) }).base64EncodedString()
    let headerText =
        #"{"alg":"ES256","crit":["sigT"],"sigT":"2026-01-01T00:00:00Z","x5c":[""# + certificate + #"",""# + certificate
        + #""],"x5t#S256":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#
    let headerBytes = Array(headerText.utf8)

    Benchmark("Base64URL.encode 4 KiB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Base64URL.encode(payload)) }
    }
    Benchmark("Foundation base64EncodedString 4 KiB (baseline)") { benchmark in
        let data = Data(payload)
        for _ in benchmark.scaledIterations { blackHole(data.base64EncodedString()) }
    }
    Benchmark("Base64URL.decode 4 KiB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Base64URL.decode(encoded)) }
    }
    Benchmark("Foundation Data(base64Encoded:) 4 KiB (baseline)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Data(base64Encoded: standard)) }
    }
    Benchmark("JSONValue.parse 1.8 KiB JWS header") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try JSONValue.parse(headerBytes)) }
    }
    Benchmark("JSONSerialization 1.8 KiB JWS header (baseline)") { benchmark in
        let data = Data(headerBytes)
        for _ in benchmark.scaledIterations { blackHole(try JSONSerialization.jsonObject(with: data)) }
    }
    Benchmark("CanonicalJSON.serialize 1.8 KiB JWS header") { benchmark in
        let value = try JSONValue.parse(headerBytes)
        for _ in benchmark.scaledIterations { blackHole(try CanonicalJSON.serialize(value)) }
    }
    Benchmark("JSONSerialization.data sortedKeys 1.8 KiB (baseline)") { benchmark in
        let object = try JSONSerialization.jsonObject(with: Data(headerBytes))
        for _ in benchmark.scaledIterations {
            blackHole(try JSONSerialization.data(withJSONObject: object, options: .sortedKeys))
        }
    }
    Benchmark("CompactJWS parse (small header without x5c, detached)") { benchmark in
        let compact =
            Base64URL.encode(Array(#"{"alg":"ES256","crit":["sigT"],"sigT":"2026-01-01T00:00:00Z"}"#.utf8)) + "..AAAA"
        for _ in benchmark.scaledIterations { blackHole(try? CompactJWS(parsing: compact)) }
    }
    Benchmark("Base64URL.decode 2.4 KiB header segment (Substring)") { benchmark in
        let compact = Base64URL.encode(headerBytes) + "..AAAA"
        let segment = String(compact.prefix { $0 != "." })  // the first segment, as the JWS parser hands it over
        for _ in benchmark.scaledIterations { blackHole(try Base64URL.decode(segment)) }
    }
    Benchmark("Base64URL.decode 2.4 KiB header segment (String)") { benchmark in
        let segment = Base64URL.encode(headerBytes)
        for _ in benchmark.scaledIterations { blackHole(try Base64URL.decode(segment)) }
    }
    Benchmark("Base64URL.decode 2.4 KiB random bytes (String)") { benchmark in
        let segment = Base64URL.encode(Array(payload.prefix(headerBytes.count)))
        for _ in benchmark.scaledIterations { blackHole(try Base64URL.decode(segment)) }
    }
    Benchmark("CompactJWS parse (1.8 KiB header, detached)") { benchmark in
        let compact = Base64URL.encode(headerBytes) + "..AAAA"
        for _ in benchmark.scaledIterations { blackHole(try? CompactJWS(parsing: compact)) }
    }
}
