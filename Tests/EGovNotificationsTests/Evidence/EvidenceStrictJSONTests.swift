import EGovCore
import EGovCrypto
import EGovNotifications
import Foundation
import Testing

/// Evidence records are read with EGovCore's strict JSON parser: a record with a duplicate member
/// (which a lenient decoder would resolve by keeping one of the values) or invalid text is refused.
@Suite struct EvidenceStrictJSONTests {
    static func exported() async throws -> String {
        let (signing, _) = try NotificationEvidenceTests.keys()
        return try EvidenceChain.exportJSONLines(try await NotificationEvidenceTests.chain(key: signing))
    }

    @Test func duplicateMemberInAJSONLineIsRefused() async throws {
        let text = try await Self.exported()
        let lines = text.split(separator: "\n").map(String.init)
        let duplicated = lines[1].replacingOccurrences(of: #""sequence":1,"#, with: #""sequence":1,"sequence":7,"#)
        #expect(duplicated != lines[1], "the export's shape changed; update this test")
        let input = [lines[0], duplicated, lines[2]].joined(separator: "\n")
        #expect(throws: NotificationError.self) { try EvidenceChain.importJSONLines(input) }
        do {
            _ = try EvidenceChain.importJSONLines(input)
        } catch {
            #expect(error.code == "notifications.evidence.invalid_json")
            #expect(error.reason.contains("line 2"), "\(error.reason)")
            #expect(error.reason.contains(#""sequence""#), "\(error.reason)")
        }
    }

    @Test func lonelySurrogateAndInvalidUTF8AreRefused() async throws {
        let text = try await Self.exported()
        let first = String(text.split(separator: "\n")[0])
        let surrogate = first.replacingOccurrences(of: #""issuer":""#, with: #""issuer":"\udc00"#)
        #expect(surrogate != first)
        #expect(throws: NotificationError.self) { try EvidenceChain.importJSONLines(surrogate) }
        do {
            _ = try EvidenceChain.importJSONLines(surrogate)
        } catch {
            #expect(error.code == "notifications.evidence.invalid_json")
        }
    }

    @Test func jsonArrayFormIsStrictToo() async throws {
        let text = try await Self.exported()
        let lines = text.split(separator: "\n").map(String.init)
        let array = "[" + lines.joined(separator: ",\n") + "]"
        let (_, verification) = try NotificationEvidenceTests.keys()
        let imported = try EvidenceChain.importJSON(array)
        #expect(imported.count == 4)
        #expect(try EvidenceChain.importJSON(text) == imported)
        _ = verification
        let duplicated = array.replacingOccurrences(of: #""sequence":2,"#, with: #""sequence":2,"sequence":2,"#)
        do {
            _ = try EvidenceChain.importJSON(duplicated)
            Issue.record("a duplicate member was accepted")
        } catch {
            #expect(error.code == "notifications.evidence.invalid_json")
            #expect(error.reason.contains("line 3"), "\(error.reason)")
        }
    }
}
