import EGovCertificates
import EGovCore
import EGovCrypto
import Foundation
import Testing

/// Helpers shared by the Token Status List suites.
enum StatusListTestSupport {
    struct VectorError: Error, CustomStringConvertible {
        let description: String
    }

    /// A published vector: `bits` and `lst` (whitespace inside `lst` removed, as the README says
    /// for the line-wrapped ones), the file text, and the `byte_array` when the file has one.
    struct Vector {
        let text: String
        let bits: Int
        let lst: String
        let byteArray: [UInt8]?
    }

    /// The raw text of a vector file.
    static func resourceText(_ name: String) throws -> String {
        let dot = try #require(name.lastIndex(of: "."))
        let url = try #require(
            Bundle.module.url(
                forResource: "Resources/token-status-list/\(name[..<dot])",
                withExtension: String(name[name.index(after: dot)...])))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Reads `bits`, `lst` and an optional `byte_array = [0x.., …]` from a vector file.
    static func vector(_ name: String) throws -> Vector {
        let text = try resourceText(name)
        let bitsRange = try #require(text.range(of: "\"bits\":"))
        let afterBits = text[bitsRange.upperBound...].drop(while: { $0 == " " })
        let bits = try #require(Int(String(afterBits.prefix(while: { $0.isNumber }))))
        let lstRange = try #require(text.range(of: "\"lst\": \""))
        let lstBody = text[lstRange.upperBound...].prefix(while: { $0 != "\"" })
        let lst = String(lstBody.filter { !$0.isWhitespace })
        var byteArray: [UInt8]?
        if let arrayRange = text.range(of: "byte_array = [") {
            let body = text[arrayRange.upperBound...].prefix(while: { $0 != "]" })
            byteArray = try body.split(separator: ",").map { item in
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("0x"), let value = UInt8(trimmed.dropFirst(2), radix: 16) else {
                    throw VectorError(description: "bad byte \(trimmed)")
                }
                return value
            }
        }
        return Vector(text: text, bits: bits, lst: lst, byteArray: byteArray)
    }

    /// `expected.json`: per long vector, its bits and the non-zero indices with their values.
    static func expectedLongVectors() throws -> (size: Int, vectors: [String: (bits: Int, set: [Int: UInt8])]) {
        let value = try JSONValue.parse(try resourceText("expected.json"))
        guard case .number(let size)? = value["size"], case .array(let items)? = value["vectors"] else {
            throw VectorError(description: "expected.json has no size or vectors")
        }
        var vectors: [String: (bits: Int, set: [Int: UInt8])] = [:]
        for item in items {
            guard case .string(let file)? = item["file"], case .number(let bits)? = item["bits"],
                case .object(let set)? = item["set"]
            else { throw VectorError(description: "bad vector entry") }
            var indices: [Int: UInt8] = [:]
            for (key, entry) in set {
                guard let index = Int(key), case .number(let status) = entry else {
                    throw VectorError(description: "bad set entry \(key)")
                }
                indices[index] = UInt8(status)
            }
            vectors[file] = (Int(bits), indices)
        }
        return (Int(size), vectors)
    }

    /// Lower-case hex.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }

    /// A fresh key of `algorithm` and the key set that verifies it under `keyID`.
    static func keys(_ algorithm: SignatureAlgorithm, keyID: String = "status-1") throws -> (
        signer: SoftwareSigningKey, keySet: JWSKeySet
    ) {
        let signer = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let verifier = try signer.publicKey.verificationKey(for: algorithm)
        return (signer, JWSKeySet([.init(keyID: keyID, key: verifier)]))
    }

    /// The Status List URI used throughout.
    static let uri = "https://status.example.gov/statuslists/1"
}

/// Expects `body` to throw a ``StatusListError`` with `code`.
func expectStatusListError(
    code: String, _ note: String = "", sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(code) but nothing was thrown \(note)", sourceLocation: sourceLocation)
    } catch let error as StatusListError {
        #expect(error.code == code, "\(note): \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code), got \(error) \(note)", sourceLocation: sourceLocation)
    }
}

/// Expects async `body` to throw a ``StatusListError`` with `code`.
func expectStatusListErrorAsync(
    code: String, _ note: String = "", sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code) but nothing was thrown \(note)", sourceLocation: sourceLocation)
    } catch let error as StatusListError {
        #expect(error.code == code, "\(note): \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code), got \(error) \(note)", sourceLocation: sourceLocation)
    }
}
