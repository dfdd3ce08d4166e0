import ArgumentParser
import EGovKit
import Foundation

struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Notification templates and evidence.", subcommands: [NotifyRender.self])
}

extension NotificationChannel: ExpressibleByArgument {}

struct NotifyRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template for a channel and locale with personalisation data.",
        discussion: """
            Prints the rendered message as JSON (subject, body, html for e-mail, SMS encoding and segments). \
            A template or personalisation that does not validate exits 65 with the error as JSON; values \
            never appear in errors.
            """)

    @Option(name: .long, help: "Template JSON file.") var template: String
    @Option(name: .long, help: "Locale (BCP 47), e.g. zh-Hant-MO, pt-MO, en.") var locale: String
    @Option(name: .long, help: "Personalisation JSON file (an object).") var data: String
    @Option(name: .long, help: "Channel: inbox, email, sms, push or letter.") var channel: NotificationChannel = .inbox

    func run() async throws {
        let tag: LanguageTag
        do { tag = try LanguageTag(locale) } catch { throw CLIError.usage(error.reason, code: error.code) }
        let templateBytes = try InputSource(template).readAll(limit: 1 << 20)
        let parsed: NotificationTemplate
        do {
            parsed = try JSONDecoder().decode(NotificationTemplate.self, from: Data(templateBytes))
        } catch let error as TemplateError {
            throw CLIError.badInput(error.reason, code: error.code)
        } catch {
            throw CLIError.badInput("the template is not valid: \(error)", code: "notifications.template.invalid_json")
        }
        let personalisation = try JSONFiles.object(at: data)
        let rendered: RenderedMessage
        do {
            rendered = try TemplateRenderer().render(parsed, channel: channel, locale: tag, personalisation: personalisation)
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        try Output.printJSON(rendered)
    }
}
