// Example: send notices through your own transport.
//
// A department already has an SMS gateway contract. It implements `NotificationTransport` for it,
// and lets the dispatcher do the rest: idempotent submission, rendering in the recipient's
// language, retries with backoff on temporary failures, fallback to the next channel on a
// permanent failure, and delivery ids that stay stable across retries so the gateway can
// deduplicate.
//
// Run it: swift run example-custom-transport

import EGovKit
import EGovTesting
import Foundation

let clock = ManualClock(TestPKI.referenceDate)
let template = try NotificationTemplate(
    id: "inspection-reminder", version: 1,
    variants: [
        .sms: ChannelVariant(
            subject: nil,
            body: [
                .zhHant: "提示：((date)) 將進行衛生巡查。", .pt: "Aviso: inspeção sanitária em ((date)).",
                .en: "Reminder: hygiene inspection on ((date)).",
            ]),
        .inbox: ChannelVariant(
            subject: [.zhHant: "巡查提示", .pt: "Aviso de inspeção", .en: "Inspection reminder"],
            body: [
                .zhHant: "衛生巡查日期：((date))。", .pt: "Data da inspeção sanitária: ((date)).",
                .en: "Hygiene inspection date: ((date)).",
            ]),
    ],
    placeholders: [PlaceholderSpec(name: "date", type: .text)])

let sms = SMSGateway()
let inbox = AppInbox()
let store = InMemoryNotificationStore()  // EGovSQLite provides a durable one
let dispatcher = NotificationDispatcher(
    store: store, transports: [sms, inbox], clock: clock, configuration: DispatcherConfiguration(),
    random: SeededRandomNumberGenerator(seed: 1)
) { notice, channel in
    let rendered = try TemplateRenderer().render(
        template, channel: channel, locale: try LanguageTag(notice.preferredLocale),
        personalisation: ["date": .string("2026-12-03")])
    return RenderedPayload(subject: rendered.subject ?? "", body: rendered.body)
}

for (account, locale) in [("acct-ok", "zh-Hant"), ("acct-busy", "pt"), ("acct-unreachable", "en")] {
    let notice = try Notice(
        id: NoticeID(rawValue: "reminder-\(account)"), idempotencyKey: "inspection-2026-12-03-\(account)",
        recipientAccountID: account, department: "IAM", category: .informational, reference: "IAM/INSP/2026/77",
        templateID: template.id, templateVersion: template.version, preferredLocale: locale, channels: [.sms, .inbox],
        createdAt: clock.now())
    _ = try await dispatcher.submit(notice)
}

// Drive the dispatcher the way a service's background task would: run, wait for the next due time.
for _ in 0..<10 {
    _ = try await dispatcher.runOnce()
    guard let next = await store.nextDueDate() else { break }
    clock.set(max(next, clock.now()))
}

for message in await sms.sent { print("sms    \(message.deliveryID): \(message.text)") }
for id in await inbox.received { print("inbox  \(id)") }
let states = await store.deliveries(in: Set(DeliveryState.allCases)).map { "\($0.noticeID.rawValue)=\($0.state)" }
print("states \(states.sorted().joined(separator: " "))")
let smsCount = await sms.sent.count
let inboxCount = await inbox.received.count
exit(smsCount == 2 && inboxCount == 1 ? 0 : 1)
