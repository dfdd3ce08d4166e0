import EGovCore
import Foundation
import Testing

enum ServiceTag {}
enum ApplicationTag {}
typealias ServiceID = TypedIdentifier<ServiceTag>
typealias ApplicationID = TypedIdentifier<ApplicationTag>

@Suite struct TypedIdentifierTests {
    @Test func acceptsValidIdentifiers() throws {
        let id = try ServiceID("svc.passport-renewal")
        #expect(id.rawValue == "svc.passport-renewal")
        #expect(id.description == "svc.passport-renewal")
        #expect(try ServiceID("澳門 服務").rawValue == "澳門 服務")
        #expect(try ServiceID(String(repeating: "a", count: 256)).rawValue.count == 256)
    }

    @Test(arguments: [
        ("", IdentifierError.empty),
        (String(repeating: "a", count: 257), .tooLong(limit: 256)),
        (String(repeating: "澳", count: 86), .tooLong(limit: 256)),  // 258 bytes
        ("ab\u{0}c", .controlCharacter(offset: 2)),
        ("a\nb", .controlCharacter(offset: 1)),
        ("澳\u{7F}", .controlCharacter(offset: 3)),
        ("a\u{85}", .controlCharacter(offset: 1)),
        (" abc", .surroundingWhitespace),
        ("abc ", .surroundingWhitespace),
        ("abc\u{3000}", .surroundingWhitespace),
    ])
    func rejectsInvalid(raw: String, expected: IdentifierError) {
        #expect(throws: expected) { try ServiceID(raw) }
    }

    @Test func hashableComparableAndSendable() throws {
        let a = try ServiceID("a")
        let b = try ServiceID("b")
        #expect(a < b)
        #expect(Set([a, a, b]).count == 2)
        #expect([b, a].sorted() == [a, b])
        let sendable: any Sendable = a
        #expect(sendable is ServiceID)
    }

    @Test func codableAsPlainString() throws {
        let id = try ApplicationID("app-42")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["app-42"]"#)
        #expect(try JSONDecoder().decode([ApplicationID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ApplicationID].self, from: Data(#"[" x"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ApplicationID].self, from: Data(#"[""]"#.utf8))
        }
    }
}
