import EGovCore
import Foundation

/// The native JSON form of a ``Catalogue``: encoding with sorted keys and size-limited decoding.
public enum CatalogueJSON {
    /// Encodes a catalogue as pretty-printed JSON with sorted keys.
    ///
    /// - Throws: ``CatalogueError/encodingFailed(detail:)``.
    public static func encode(_ catalogue: Catalogue) throws(CatalogueError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(catalogue)
        } catch {
            throw .encodingFailed(detail: "JSON encoding failed")
        }
    }

    /// Decodes a catalogue from native JSON.
    ///
    /// The document is first read by EGovCore's strict parser (`JSONValue/parse(_:limits:)`), so
    /// duplicate member names, invalid UTF-8 and lone surrogate escapes are refused rather than
    /// resolved silently by the decoder.
    ///
    /// - Throws: ``CatalogueError/tooLarge(limit:)`` if `data` exceeds `maximumBytes`, or
    ///   ``CatalogueError/malformed(detail:)`` with the strict parser's reason (what, which member,
    ///   byte offset) or naming the coding path of the first problem.
    public static func decode(_ data: Data, maximumBytes: Int = Catalogue.maximumBytes) throws(CatalogueError)
        -> Catalogue
    {
        guard data.count <= maximumBytes else { throw .tooLarge(limit: maximumBytes) }
        do {
            _ = try JSONValue.parse(data, limits: JSONValue.Limits(maximumBytes: maximumBytes, maximumDepth: 64))
        } catch {
            throw .malformed(detail: error.reason)
        }
        do {
            return try JSONDecoder().decode(Catalogue.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(detail: describe(error))
        } catch {
            throw .malformed(detail: "not valid JSON")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("$") { partial, key in
                if let index = key.intValue { return "\(partial)[\(index)]" }
                return "\(partial).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \(key.stringValue) at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return "invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "undecodable"
        }
    }
}
