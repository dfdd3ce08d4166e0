import Foundation
import EGovCrypto
import EGovNotifications
import Testing

@Suite("egov notify render")
struct NotifyCommandTests {
    static let template = #"""
        {"id":"licence-decision","version":1,
         "placeholders":[{"name":"licence_number","type":"text","isRequired":true},{"name":"deadline","type":"date","isRequired":true}],
         "variants":{"sms":{"body":{"zh-Hant":"您的牌照 ((licence_number)) 已獲批准，請於 ((deadline)) 前領取。",
                                    "pt":"A sua licença ((licence_number)) foi aprovada; levante-a até ((deadline)).",
                                    "en":"Your licence ((licence_number)) was approved; collect it by ((deadline))."}}}}
        """#

    @Test("renders SMS in zh-Hant (UCS-2) and en (GSM-7); a missing value exits 65 without echoing data")
    func render() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("t.json", Self.template)
        try dir.write("d.json", #"{"licence_number":"IAM-2026-0001","deadline":"2026-12-01"}"#)
        let zh = try await CLIRunner.egov([
            "notify", "render", "--template", dir.path("t.json"), "--locale", "zh-Hant-MO", "--data", dir.path("d.json"),
            "--channel", "sms",
        ])
        #expect(zh.status == 0, "\(zh.stderr)")
        let sms = try #require(try zh.json()["sms"] as? [String: Any])
        #expect(sms["encoding"] as? String == "ucs2")
        #expect(try zh.json()["locale"] as? String == "zh-Hant")
        let en = try await CLIRunner.egov([
            "notify", "render", "--template", dir.path("t.json"), "--locale", "en", "--data", dir.path("d.json"), "--channel", "sms",
        ])
        #expect((try en.json()["sms"] as? [String: Any])?["encoding"] as? String == "gsm7")
        try dir.write("bad.json", #"{"licence_number":"SECRET-VALUE"}"#)
        let bad = try await CLIRunner.egov([
            "notify", "render", "--template", dir.path("t.json"), "--locale", "en", "--data", dir.path("bad.json"),
            "--channel", "sms",
        ])
        #expect(bad.status == 65)
        #expect(!bad.stderr.contains("SECRET-VALUE"))
        #expect(try bad.errorJSON()["error"] == "notifications.template.missing_personalisation")
    }
}

@Suite("egov notify evidence verify")
struct NotifyEvidenceCommandTests {
    @Test("a valid chain verifies (0); reordered records and the wrong key fail (1)")
    func verify() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        // SubmissionAcceptance, ContentConsignment, ContentHandover.
        let records = Array(try await NotifyEvidenceCompletenessTests.records(key: key).prefix(3))
        try dir.write("evidence.jsonl", try EvidenceChain.exportJSONLines(records))
        try dir.write("reordered.jsonl", try EvidenceChain.exportJSONLines([records[0], records[2], records[1]]))
        try dir.write("key.pub", key.publicKey.pemRepresentation)
        try dir.write("other.pub", try PrivateKey.generate(.p256).publicKey.pemRepresentation)
        let valid = try await CLIRunner.egov(["notify", "evidence", "verify", "--key", dir.path("key.pub"), dir.path("evidence.jsonl")])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(try valid.json()["records"] as? Int == 3)
        let reordered = try await CLIRunner.egov([
            "notify", "evidence", "verify", "--key", dir.path("key.pub"), dir.path("reordered.jsonl"),
        ])
        #expect(reordered.status == 1)
        #expect(try reordered.json()["firstInvalid"] as? Int == 1)
        let wrongKey = try await CLIRunner.egov([
            "notify", "evidence", "verify", "--key", dir.path("other.pub"), dir.path("evidence.jsonl"),
        ])
        #expect(wrongKey.status == 1)
    }
}

@Suite("egov notify: strict JSON input")
struct NotifyStrictJSONCommandTests {
    @Test("a template or evidence file with a duplicate member exits 65 naming the member")
    func duplicateMembers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let duplicated = NotifyCommandTests.template.replacingOccurrences(
            of: #"{"id":"licence-decision","#, with: #"{"id":"licence-decision","id":"other","#)
        #expect(duplicated != NotifyCommandTests.template)
        try dir.write("t.json", duplicated)
        try dir.write("d.json", #"{"licence_number":"IAM-2026-0001","deadline":"2026-12-01"}"#)
        let render = try await CLIRunner.egov([
            "notify", "render", "--template", dir.path("t.json"), "--locale", "en", "--data", dir.path("d.json"),
            "--channel", "sms",
        ])
        #expect(render.status == 65, "\(render.stdout)\(render.stderr)")
        #expect(try render.errorJSON()["error"] == "notifications.template.invalid_json")
        #expect(try render.errorJSON()["reason"]?.contains(#""id""#) == true, "\(render.stderr)")

        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let body = EvidenceRecord.Body(
            sequence: 0, eventType: EvidenceEventType.submissionAcceptance.rawValue,
            timeMilliseconds: 1_767_225_600_000, issuer: "https://iam.gov.mo", sender: "IAM", recipient: "acct-1",
            messageID: "notice-1", contentDigest: String(repeating: "ab", count: 32), channel: .inbox,
            deliveryID: "notice-1#inbox", previousHash: "")
        let record = try await EvidenceChain.makeRecord(body, after: nil, key: key)
        let line = try EvidenceChain.exportJSONLines([record]).trimmingCharacters(in: .whitespacesAndNewlines)
        let twice = line.replacingOccurrences(of: #""sequence":0,"#, with: #""sequence":0,"sequence":0,"#)
        #expect(twice != line)
        try dir.write("key.pub", key.publicKey.pemRepresentation)
        try dir.write("array.json", "[\(twice)]")
        let array = try await CLIRunner.egov(["notify", "evidence", "verify", "--key", dir.path("key.pub"), dir.path("array.json")])
        #expect(array.status == 65, "\(array.stdout)\(array.stderr)")
        #expect(try array.errorJSON()["error"] == "notifications.evidence.invalid_json")
        try dir.write("lines.jsonl", twice + "\n")
        let lines = try await CLIRunner.egov(["notify", "evidence", "verify", "--key", dir.path("key.pub"), dir.path("lines.jsonl")])
        #expect(lines.status == 65, "\(lines.stdout)\(lines.stderr)")
        #expect(try lines.errorJSON()["error"] == "notifications.evidence.invalid_json")
    }
}

@Suite("egov notify evidence verify: what was signed")
struct NotifyEvidenceCompletenessTests {
    /// Four records ending with AcceptanceByRecipient.
    static func records(key: SoftwareSigningKey) async throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        let events: [EvidenceEventType] = [
            .submissionAcceptance, .contentConsignment, .contentHandover, .acceptanceByRecipient,
        ]
        for (index, event) in events.enumerated() {
            let body = EvidenceRecord.Body(
                sequence: 0, eventType: event.rawValue, timeMilliseconds: 1_767_225_600_000 + Int64(index) * 1000,
                issuer: "https://iam.gov.mo", sender: "IAM", recipient: "acct-1", messageID: "notice-1",
                contentDigest: String(repeating: "ab", count: 32), channel: .inbox, deliveryID: "notice-1#inbox",
                previousHash: "")
            records.append(try await EvidenceChain.makeRecord(body, after: records.last, key: key))
        }
        return records
    }

    @Test("an empty file and a prefix with --expected-count/--expected-head fail (1); duplicates and long lines exit 65")
    func completeness() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let records = try await Self.records(key: key)
        try dir.write("key.pub", key.publicKey.pemRepresentation)
        try dir.write("all.jsonl", try EvidenceChain.exportJSONLines(records))
        try dir.write("prefix.jsonl", try EvidenceChain.exportJSONLines(Array(records[0..<2])))
        try dir.write("empty.jsonl", "")
        func verify(_ file: String, _ options: [String] = []) async throws -> CLIRunner.Result {
            try await CLIRunner.egov(
                ["notify", "evidence", "verify", "--key", dir.path("key.pub")] + options + [dir.path(file)])
        }
        let head = records[3].hash

        let empty = try await verify("empty.jsonl")
        #expect(empty.status == 1, "\(empty.stdout) \(empty.stderr)")
        #expect(try empty.json()["valid"] as? Bool == false)
        #expect(try empty.json()["firstInvalid"] as? Int == 0)

        let whole = try await verify("all.jsonl", ["--expected-count", "4", "--expected-head", head])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try whole.json()["records"] as? Int == 4)

        let byCount = try await verify("prefix.jsonl", ["--expected-count", "4"])
        #expect(byCount.status == 1, "\(byCount.stderr)")
        #expect(try byCount.json()["firstInvalid"] as? Int == 2)
        let byHead = try await verify("prefix.jsonl", ["--expected-head", head])
        #expect(byHead.status == 1, "\(byHead.stderr)")
        #expect(try byHead.json()["firstInvalid"] as? Int == 2)
        let badHead = try await verify("all.jsonl", ["--expected-head", "XYZ"])
        #expect(badHead.status == 64)

        // A record line with a repeated member: not an evidence record.
        let lines = try EvidenceChain.exportJSONLines(records).split(separator: "\n").map(String.init)
        let jws = #","jws":"\#(records[3].jws)"}"#
        let doubled = lines[0..<3].joined(separator: "\n") + "\n" + lines[3].dropLast(jws.count) + jws.dropLast() + jws
        try dir.write("doubled.jsonl", doubled + "\n")
        let duplicate = try await verify("doubled.jsonl")
        #expect(duplicate.status == 65, "\(duplicate.stdout) \(duplicate.stderr)")
        #expect(try duplicate.errorJSON()["error"] == "notifications.evidence.invalid_json")
        try dir.write("doubled.json", "[" + lines.dropLast().joined(separator: ",") + "," + lines[3].dropLast(jws.count) + jws.dropLast() + jws + "]")
        let duplicateArray = try await verify("doubled.json")
        #expect(duplicateArray.status == 65, "\(duplicateArray.stdout) \(duplicateArray.stderr)")

        // One record line beyond the per-record limit.
        let long = lines[0].replacingOccurrences(of: #""issuer":"https://iam.gov.mo""#, with: #""issuer":""# + String(repeating: "x", count: 2 << 20) + #"""#)
        try dir.write("long.jsonl", long + "\n")
        let tooLong = try await verify("long.jsonl")
        #expect(tooLong.status == 65, "\(tooLong.stdout) \(tooLong.stderr.prefix(200))")
        #expect(try tooLong.errorJSON()["error"] == "notifications.evidence.line_too_long")
    }
}
