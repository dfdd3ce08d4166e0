import EGovCore
import Foundation
import Testing

@testable import EGovCatalogue

/// The native catalogue JSON and the JSON-LD import go through EGovCore's strict parser: duplicate
/// members and invalid UTF-8 are refused, not resolved silently.
@Suite("Catalogue JSON strictness")
struct CatalogueStrictJSONTests {
    private static func sampleText() throws -> String {
        String(decoding: try CatalogueJSON.encode(try Catalogue.sample()), as: UTF8.self)
    }

    @Test("a duplicate member in native catalogue JSON is refused, naming the member and offset")
    func duplicateMember() throws {
        let text = try Self.sampleText()
        let duplicated = text.replacingOccurrences(of: #""version" : "#, with: #""version" : "0", "version" : "#)
        #expect(duplicated != text, "the encoded form changed; update this test")
        do {
            _ = try CatalogueJSON.decode(Data(duplicated.utf8))
            Issue.record("a duplicate member was accepted")
        } catch {
            guard case .malformed(let detail) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(detail.contains("duplicate"), "\(detail)")
            #expect(detail.contains("\"version\""), "\(detail)")
            #expect(detail.contains("byte offset"), "\(detail)")
        }
    }

    @Test(
        "invalid UTF-8 in a native catalogue is refused",
        arguments: [
            [0xC0, 0xAF] as [UInt8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF],
        ])
    func invalidUTF8(bytes: [UInt8]) throws {
        let text = try Self.sampleText()
        let marker = #""version" : ""#
        let range = try #require(text.range(of: marker))
        var data = Array(text[..<range.upperBound].utf8)
        data += bytes
        data += Array(text[range.upperBound...].utf8)
        #expect(throws: CatalogueError.self) { try CatalogueJSON.decode(Data(data)) }
        do {
            _ = try CatalogueJSON.decode(Data(data))
        } catch {
            #expect(error.reason.contains("invalid UTF-8"), "\(error.reason)")
        }
    }

    @Test("a lone surrogate escape in a native catalogue is refused")
    func loneSurrogate() throws {
        let text = try Self.sampleText()
        let broken = text.replacingOccurrences(of: #""version" : ""#, with: #""version" : "\ud800"#)
        #expect(throws: CatalogueError.self) { try CatalogueJSON.decode(Data(broken.utf8)) }
    }

    @Test("a duplicate member in JSON-LD is refused")
    func duplicateMemberJSONLD() throws {
        let text = String(decoding: try CPSVAPJSONLD.exportData(try Catalogue.sample()), as: UTF8.self)
        let duplicated = text.replacingOccurrences(
            of: #""@type":"PublicService","#, with: #""@type":"PublicService","@type":"PublicService","#)
        #expect(duplicated != text)
        #expect(throws: CatalogueError.self) { try CPSVAPJSONLD.importCatalogue(Data(duplicated.utf8)) }
    }
}
