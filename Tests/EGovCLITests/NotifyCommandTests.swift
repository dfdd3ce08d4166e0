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
        var records: [EvidenceRecord] = []
        for (index, event) in [EvidenceEventType.submissionAcceptance, .contentConsignment, .contentHandover].enumerated() {
            let body = EvidenceRecord.Body(
                sequence: 0, eventType: event.rawValue, timeMilliseconds: 1_767_225_600_000 + Int64(index) * 1000,
                issuer: "https://iam.gov.mo", sender: "IAM", recipient: "acct-1", messageID: "notice-1",
                contentDigest: String(repeating: "ab", count: 32), channel: .inbox, deliveryID: "notice-1#inbox",
                previousHash: "")
            records.append(try await EvidenceChain.makeRecord(body, after: records.last, key: key))
        }
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
