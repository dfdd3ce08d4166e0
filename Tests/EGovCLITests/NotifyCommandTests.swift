import Foundation
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
