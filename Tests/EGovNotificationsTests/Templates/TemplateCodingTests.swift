import EGovCore
import EGovNotifications
import Foundation
import Testing

@Suite struct TemplateCodingTests {
    @Test func jsonRoundTrip() throws {
        let template = try TemplateFixtures.paymentNotice()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(template)
        let decoded = try JSONDecoder().decode(NotificationTemplate.self, from: data)
        #expect(decoded == template)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"variants\":{\"email\":"))
        #expect(json.contains("\"zh-Hant\":"))
        #expect(try encoder.encode(decoded) == data)
    }

    @Test func decodingValidates() throws {
        let json = """
            {"id": "t", "version": 1, "placeholders": [],
             "variants": {"sms": {"body": {"zh-Hant": "你好 ((who))", "pt": "Olá"}}}}
            """
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NotificationTemplate.self, from: Data(json.utf8))
        }
    }

    @Test func decodingRejectsUnknownChannels() throws {
        let json = """
            {"id": "t", "version": 1, "placeholders": [],
             "variants": {"fax": {"body": {"zh-Hant": "你好", "pt": "Olá"}}}}
            """
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NotificationTemplate.self, from: Data(json.utf8))
        }
    }

    @Test func renderedMessageRoundTrips() throws {
        let message = try TemplateRenderer().render(
            TemplateFixtures.paymentNotice(), channel: .sms, locale: .zhHant,
            personalisation: TemplateFixtures.personalisation)
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(RenderedMessage.self, from: data) == message)
    }
}
