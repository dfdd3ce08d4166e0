import Benchmark
import BenchmarkSupport
import EGovCore
import EGovNotifications
import Foundation

/// Render + enqueue in memory: validate the personalisation, render an SMS (segment counting
/// included), build a validated Notice and enqueue it idempotently in `InMemoryNotificationStore`.
/// The goal (at most 5 µs per notice, 200,000 notices/s) is read from the benchmark whose name
/// starts with "render + notice + enqueue, per notice". Its parts are measured alone ("render SMS
/// only", "build notice only", "enqueue only"). Baseline in the same run: the naive version
/// (string replacement and a dictionary insert).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault(warmupIterations: 100, maxIterations: 2_000_000)
    let template: NotificationTemplate
    do {
        template = try NotificationTemplate(
            id: "licence-decision", version: 1,
            variants: [
                .sms: ChannelVariant(body: [
                    .zhHant: "您的牌照 ((licence_number)) 已獲批准，請於 ((deadline)) 前領取。",
                    .pt: "A sua licença ((licence_number)) foi aprovada; levante-a até ((deadline)).",
                ])
            ],
            placeholders: [
                PlaceholderSpec(name: "licence_number", type: .text), PlaceholderSpec(name: "deadline", type: .date),
            ])
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }
    let personalisation: [String: JSONValue] = [
        "licence_number": .string("IAM-2026-0001"), "deadline": .string("2026-12-01"),
    ]
    let renderer = TemplateRenderer()
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    // The enqueue benchmarks run 1,000 notices per sample into one store (figures are per notice):
    // with one iteration per sample, every sample measured a fresh, empty store (first-insert
    // allocations included) and the batch variant never filled a batch.
    var perThousand = Benchmark.defaultConfiguration
    perThousand.scalingFactor = .kilo
    perThousand.warmupIterations = 2
    perThousand.maxIterations = 100_000

    Benchmark(
        "render + notice + enqueue, per notice (goal <= 5 us): SMS, InMemoryNotificationStore",
        configuration: perThousand
    ) {
        benchmark in
        let store = InMemoryNotificationStore()
        var counter = 0
        for _ in benchmark.scaledIterations {
            counter += 1
            let rendered = try renderer.render(
                template, channel: .sms, locale: .zhHantMO, personalisation: personalisation)
            let notice = try Notice(
                id: NoticeID(rawValue: "n-\(counter)"), idempotencyKey: "k-\(counter)", recipientAccountID: "acct-1",
                department: "IAM", category: .informational, reference: "IAM/DL/2026", templateID: template.id,
                templateVersion: 1, preferredLocale: "zh-Hant-MO", channels: [.sms], createdAt: now)
            blackHole(rendered)
            blackHole(try await store.enqueue(notice, at: now))
        }
    }

    Benchmark(
        "render + notice + enqueue, per notice, enqueue(contentsOf:) in batches of 256", configuration: perThousand
    ) {
        benchmark in
        let store = InMemoryNotificationStore()
        var counter = 0
        var batch: [Notice] = []
        batch.reserveCapacity(256)
        for _ in benchmark.scaledIterations {
            counter += 1
            let rendered = try renderer.render(
                template, channel: .sms, locale: .zhHantMO, personalisation: personalisation)
            blackHole(rendered)
            batch.append(
                try Notice(
                    id: NoticeID(rawValue: "n-\(counter)"), idempotencyKey: "k-\(counter)",
                    recipientAccountID: "acct-1",
                    department: "IAM", category: .informational, reference: "IAM/DL/2026", templateID: template.id,
                    templateVersion: 1, preferredLocale: "zh-Hant-MO", channels: [.sms], createdAt: now))
            if batch.count == 256 {
                blackHole(try await store.enqueue(contentsOf: batch, at: now))
                batch.removeAll(keepingCapacity: true)
            }
        }
        blackHole(try await store.enqueue(contentsOf: batch, at: now))
    }

    Benchmark("render SMS only") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(template, channel: .sms, locale: .zhHantMO, personalisation: personalisation))
        }
    }

    Benchmark("build notice only") { benchmark in
        var counter = 0
        for _ in benchmark.scaledIterations {
            counter += 1
            blackHole(
                try Notice(
                    id: NoticeID(rawValue: "n-\(counter)"), idempotencyKey: "k-\(counter)",
                    recipientAccountID: "acct-1",
                    department: "IAM", category: .informational, reference: "IAM/DL/2026", templateID: template.id,
                    templateVersion: 1, preferredLocale: "zh-Hant-MO", channels: [.sms], createdAt: now))
        }
    }

    // Notices built once; each sample enqueues 1,000 of them into a fresh store.
    let prebuilt: [Notice]
    do {
        prebuilt = try (1...1_000).map { index in
            try Notice(
                id: NoticeID(rawValue: "n-\(index)"), idempotencyKey: "k-\(index)", recipientAccountID: "acct-1",
                department: "IAM", category: .informational, reference: "IAM/DL/2026", templateID: template.id,
                templateVersion: 1, preferredLocale: "zh-Hant-MO", channels: [.sms], createdAt: now)
        }
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }

    Benchmark("enqueue only, per notice (InMemoryNotificationStore)", configuration: perThousand) { benchmark in
        let store = InMemoryNotificationStore()
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(try await store.enqueue(prebuilt[index % prebuilt.count], at: now))
            index += 1
        }
    }

    Benchmark("naive baseline: string replacement + dictionary insert") { benchmark in
        let text = "您的牌照 ((licence_number)) 已獲批准，請於 ((deadline)) 前領取。"
        var queue: [String: String] = [:]
        var counter = 0
        for _ in benchmark.scaledIterations {
            counter += 1
            let body = text.replacingOccurrences(of: "((licence_number))", with: "IAM-2026-0001")
                .replacingOccurrences(of: "((deadline))", with: "2026年12月1日")
            queue["k-\(counter)"] = body
        }
        blackHole(queue.count)
    }
}
