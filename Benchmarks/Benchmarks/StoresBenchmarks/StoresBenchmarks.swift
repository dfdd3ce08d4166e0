import Benchmark
import BenchmarkSupport
import EGovCore
import EGovNotifications
import EGovPostgres
import EGovSQLite
import Foundation
import GRDB

/// Durable enqueue throughput: build a validated notice and enqueue it idempotently, in batches
/// of 1,000 per transaction, into a WAL SQLite file with `synchronous = FULL` (and NORMAL), and
/// into PostgreSQL when `EGOV_POSTGRES_URL` is set. Baselines in the same run: raw GRDB inserts of
/// the same rows (same tables, same JSON bodies, no idempotency lookups) and the in-memory store.
/// Figures are per notice (1,000 notices per sample).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault(warmupIterations: 2, maxIterations: 1_000_000)
    var perThousand = Benchmark.defaultConfiguration
    perThousand.scalingFactor = .kilo
    perThousand.maxDuration = .seconds(5)
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    let batchSize = 1_000
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "egov-stores-bench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

    @Sendable func notice(_ counter: Int) throws -> Notice {
        try Notice(
            id: NoticeID(rawValue: "n-\(counter)"), idempotencyKey: "k-\(counter)", recipientAccountID: "acct-1",
            department: "IAM", category: .informational, reference: "IAM/DL/2026", templateID: "licence-decision",
            templateVersion: 1, preferredLocale: "zh-Hant-MO", channels: [.sms], createdAt: now)
    }

    /// Runs the scaled iterations, enqueueing every `batchSize` notices with `enqueue`.
    @Sendable func run(
        _ benchmark: Benchmark, _ enqueue: @Sendable ([Notice]) async throws -> Void
    ) async throws {
        var batch: [Notice] = []
        batch.reserveCapacity(batchSize)
        var counter = Int.random(in: 0..<1_000_000_000) * 1_000_000
        for _ in benchmark.scaledIterations {
            counter += 1
            batch.append(try notice(counter))
            if batch.count == batchSize {
                try await enqueue(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await enqueue(batch) }
    }

    for durability in SQLiteDatabase.Durability.allCases {
        Benchmark(
            "SQLite enqueue, WAL + synchronous=\(durability.rawValue.uppercased()), batches of 1,000",
            configuration: perThousand
        ) {
            benchmark in
            let store = SQLiteNotificationStore(
                database: try SQLiteDatabase(
                    path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path, durability: durability))
            try await run(benchmark) { batch in blackHole(try await store.enqueue(contentsOf: batch, at: now)) }
        }
    }

    Benchmark("SQLite enqueue, WAL + FULL, one notice per transaction", configuration: perThousand) { benchmark in
        let store = SQLiteNotificationStore(
            database: try SQLiteDatabase(path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path))
        var counter = Int.random(in: 0..<1_000_000_000) * 1_000_000
        for _ in benchmark.scaledIterations {
            counter += 1
            blackHole(try await store.enqueue(try notice(counter), at: now))
        }
    }

    Benchmark("baseline: raw GRDB insert of the same rows, WAL + FULL, batches of 1,000", configuration: perThousand) {
        benchmark in
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(
            path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path, configuration: configuration)
        try await pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE notices (id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, body BLOB NOT NULL);
                    CREATE TABLE deliveries (notice_id TEXT PRIMARY KEY, state TEXT NOT NULL, due_at REAL,
                        version INTEGER NOT NULL, body BLOB NOT NULL);
                    CREATE INDEX deliveries_due ON deliveries(due_at) WHERE due_at IS NOT NULL;
                    """)
        }
        try await run(benchmark) { batch in
            let encoder = JSONEncoder()
            var rows: [(String, String, Data, Data)] = []
            for notice in batch {
                var delivery = Delivery(notice: notice)
                try delivery.apply(.enqueue, at: now)
                rows.append(
                    (
                        notice.id.rawValue, notice.idempotencyKey, try encoder.encode(notice),
                        try encoder.encode(delivery)
                    ))
            }
            let prepared = rows
            try await pool.write { db in
                let insertNotice = try db.cachedStatement(sql: "INSERT INTO notices VALUES (?, ?, ?)")
                let insertDelivery = try db.cachedStatement(sql: "INSERT INTO deliveries VALUES (?, 'queued', ?, 0, ?)")
                for row in prepared {
                    try insertNotice.execute(arguments: [row.0, row.1, row.2])
                    try insertDelivery.execute(arguments: [row.0, now.timeIntervalSince1970, row.3])
                }
            }
        }
    }

    Benchmark("cost share: JSON encoding of notice + delivery only (no database)", configuration: perThousand) {
        benchmark in
        try await run(benchmark) { batch in
            let encoder = JSONEncoder()
            for notice in batch {
                var delivery = Delivery(notice: notice)
                try delivery.apply(.enqueue, at: now)
                blackHole(try encoder.encode(notice))
                blackHole(try encoder.encode(delivery))
            }
        }
    }

    Benchmark("baseline: InMemoryNotificationStore, batches of 1,000", configuration: perThousand) { benchmark in
        let store = InMemoryNotificationStore()
        try await run(benchmark) { batch in blackHole(try await store.enqueue(contentsOf: batch, at: now)) }
    }

    if let url = ProcessInfo.processInfo.environment["EGOV_POSTGRES_URL"], !url.isEmpty {
        Benchmark("PostgreSQL enqueue, batches of 1,000 (EGOV_POSTGRES_URL)", configuration: perThousand) { benchmark in
            let schema = "egov_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let database = try PostgresStoreDatabase(url: url, schema: schema)
            let runner = Task { await database.run() }
            defer { runner.cancel() }
            try await database.migrate()
            let store = PostgresNotificationStore(database: database)
            try await run(benchmark) { batch in blackHole(try await store.enqueue(contentsOf: batch, at: now)) }
        }
    }
}
