import ArgumentParser
import EGovKit
import EGovPostgres
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `egov store`: exercises the durable stores (used by the crash and concurrency tests).
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Durable stores (SQLite, PostgreSQL).", subcommands: [StoreDispatch.self])
}

/// `egov store dispatch`: enqueues N synthetic notices (idempotently) and dispatches every pending
/// delivery through a transport that records delivery ids durably.
struct StoreDispatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Enqueue N synthetic notices and dispatch them through a durable, deduplicating transport.",
        discussion: """
            Notices are notice-000000 … with idempotency keys key-000000 …, so running the command again \
            (after a crash, or from several workers) enqueues nothing twice. The transport appends \
            "NEW <delivery id> <worker>" or, for an id it has already recorded, "DUP <delivery id> <worker>" \
            to the transport log and syncs it (group commit) before acknowledging. Stops when no delivery is \
            pending and prints a JSON summary. --store is sqlite:PATH or postgres://user[:password]@host:port/db. \
            A store that cannot be read fails the command: a damaged database file exits 65 \
            (core.store.corrupt_database), another store failure 70.
            """)

    @Option(name: .long, help: "sqlite:PATH or postgres://user@host:port/database.") var store: String
    @Option(name: .long, help: "How many notices to enqueue.") var count: Int
    @Option(name: .customLong("transport-log"), help: "The transport's durable delivery log (appended).")
    var transportLog: String
    @Option(name: .long, help: "This worker's name (written to the transport log).") var worker: String = "w"
    @Option(name: .long, help: "Claim lease in seconds.") var lease: Double = 30
    @Option(name: .long, help: "Deliveries claimed per round.") var batch: Int = 256
    @Option(name: .long, help: "Dispatchers run concurrently in this process (their claims never overlap).")
    var dispatchers: Int = 1
    @Option(name: .long, help: "Notices per enqueue transaction.") var enqueueBatch: Int = 1000
    @Option(name: .long, help: "SQLite durability: full or normal.") var durability: String = "full"
    @Flag(name: .long, help: "Only dispatch; enqueue nothing.") var noEnqueue = false
    @Option(
        name: .long,
        help: "The transport's capacity in deliveries per second (0: unlimited), like a gateway's rate limit.")
    var rate: Double = 0

    struct Summary: Encodable {
        let worker: String
        let enqueued: Int
        let claimed: Int
        let accepted: Int
        let transportNew: Int
        let transportDuplicates: Int
        let pending: Int
        let states: [String: Int]
    }

    func run() async throws {
        guard count >= 0, batch > 0, enqueueBatch > 0, lease > 0, (1...64).contains(dispatchers), rate >= 0 else {
            throw CLIError.usage("--count, --batch, --enqueue-batch, --lease and --dispatchers (1…64) must be positive")
        }
        let opened = try await StoreLocation.open(store, lease: lease, durability: durability)
        defer { opened.close() }
        let notificationStore = opened.store
        let clock = SystemClock()
        var enqueued = 0
        if !noEnqueue {
            var start = 0
            while start < count {
                let end = min(count, start + enqueueBatch)
                let notices = try (start..<end).map { index in try Self.notice(index, at: clock.now()) }
                do {
                    enqueued += try await notificationStore.enqueue(contentsOf: notices, at: clock.now())
                        .filter(\.created).count
                } catch .store(let error) {
                    throw CLIError(error)
                } catch {
                    throw CLIError(code: error.code, reason: error.reason, status: .software)
                }
                start = end
            }
        }
        let log = try DurableDeliveryLog(path: transportLog, worker: worker)
        let pacer = rate > 0 ? DeliveryPacer(interval: .nanoseconds(Int64(1e9 / rate))) : nil
        let configuration = DispatcherConfiguration(maximumConcurrentSends: 64, batchSize: batch)
        let totals: (claimed: Int, accepted: Int)
        do {
            totals = try await dispatch(
                store: notificationStore, log: log, pacer: pacer, clock: clock, configuration: configuration)
        } catch {
            throw CLIError(error)
        }
        let claimed = totals.claimed
        let accepted = totals.accepted
        var states: [String: Int] = [:]
        for state in DeliveryState.allCases {
            let number: Int
            do { number = try await notificationStore.deliveries(in: [state]).count } catch { throw CLIError(error) }
            if number > 0 { states[state.rawValue] = number }
        }
        let pending = [DeliveryState.created, .queued, .sending, .temporaryFailure, .permanentFailure]
            .reduce(0) { $0 + (states[$1.rawValue] ?? 0) }
        let counts = await log.counts
        try Output.printJSON(
            Summary(
                worker: worker, enqueued: enqueued, claimed: claimed, accepted: accepted, transportNew: counts.new,
                transportDuplicates: counts.duplicates, pending: pending, states: states))
    }

    /// Runs `dispatchers` dispatchers concurrently until no delivery is pending; the first store
    /// failure ends them all and is thrown.
    private func dispatch(
        store notificationStore: any NotificationStore, log: DurableDeliveryLog, pacer: DeliveryPacer?,
        clock: any WallClock, configuration: DispatcherConfiguration
    ) async throws(StoreError) -> (claimed: Int, accepted: Int) {
        do {
            return try await withThrowingTaskGroup(of: (claimed: Int, accepted: Int).self) { group in
                for _ in 0..<dispatchers {
                    group.addTask {
                        let dispatcher = NotificationDispatcher(
                            store: notificationStore, transports: [RecordingTransport(log: log, pacer: pacer)],
                            clock: clock, configuration: configuration, random: SystemRandomNumberGenerator()
                        ) { notice, _ in RenderedPayload(subject: "", body: notice.reference) }
                        return try await Self.dispatchUntilDone(dispatcher, store: notificationStore, clock: clock)
                    }
                }
                var sum = (claimed: 0, accepted: 0)
                for try await part in group {
                    sum.claimed += part.claimed
                    sum.accepted += part.accepted
                }
                return sum
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unavailable(operation: "dispatch")
        }
    }

    /// Runs `dispatcher` until no delivery is pending (none due now or later).
    static func dispatchUntilDone(
        _ dispatcher: NotificationDispatcher, store: any NotificationStore, clock: any WallClock
    ) async throws(StoreError) -> (claimed: Int, accepted: Int) {
        var claimed = 0
        var accepted = 0
        while true {
            let report = try await dispatcher.runOnce()
            claimed += report.claimed
            accepted += report.accepted
            if report.claimed > 0 { continue }
            guard let due = try await store.nextDueDate() else { break }
            let wait = min(max(due.timeIntervalSince(clock.now()), 0.01), 0.25)
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
        return (claimed, accepted)
    }

    static func notice(_ index: Int, at time: Date) throws -> Notice {
        let number = String(index).leftPadded(to: 6)
        do {
            return try Notice(
                id: NoticeID("notice-\(number)"), idempotencyKey: "key-\(number)", recipientAccountID: "acct-load",
                department: "DEPT", category: .informational, reference: "LOAD/A", templateID: "load",
                templateVersion: 1, preferredLocale: "en", channels: [.inbox], createdAt: time)
        } catch {
            throw CLIError(code: error.code, reason: error.reason, status: .software)
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// A notification store opened from `--store`, with whatever must be closed afterwards.
private struct StoreLocation {
    let store: any NotificationStore
    let close: @Sendable () -> Void

    static func open(_ text: String, lease: Double, durability: String) async throws -> StoreLocation {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw CLIError.usage("sqlite: needs a file path") }
            guard let level = SQLiteDatabase.Durability(rawValue: durability) else {
                throw CLIError.usage("--durability must be full or normal")
            }
            do {
                let database = try SQLiteDatabase(path: path, durability: level)
                return StoreLocation(store: SQLiteNotificationStore(database: database, leaseDuration: lease)) {}
            } catch {
                throw CLIError(error)
            }
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            let database = try openPostgres(text)
            let runner = Task { await database.run() }
            if let failure = await migrate(database) {
                runner.cancel()
                throw failure
            }
            return StoreLocation(store: PostgresNotificationStore(database: database, leaseDuration: lease)) {
                runner.cancel()
            }
        }
        throw CLIError.usage("--store must be sqlite:PATH or postgres://…")
    }
}

private func openPostgres(_ url: String) throws(CLIError) -> PostgresStoreDatabase {
    do {
        return try PostgresStoreDatabase(url: url)
    } catch {
        throw CLIError(code: error.code, reason: error.reason, status: .usage)
    }
}

private func migrate(_ database: PostgresStoreDatabase) async -> CLIError? {
    do {
        try await database.migrate()
        return nil
    } catch {
        return CLIError(code: error.code, reason: error.reason, status: .software)
    }
}

/// A transport that records each delivery id in a ``DurableDeliveryLog`` before acknowledging;
/// an id already recorded is a duplicate, acknowledged again without a second new delivery.
private struct RecordingTransport: NotificationTransport {
    let log: DurableDeliveryLog
    let pacer: DeliveryPacer?
    var channel: NotificationChannel { .inbox }

    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        if let pacer { try await ContinuousClock().sleep(until: await pacer.nextSlot()) }
        _ = try await log.record(deliveryID.rawValue)
        return .accepted
    }
}

/// Spaces deliveries `interval` apart across the whole process (a gateway's rate limit).
private actor DeliveryPacer {
    let interval: Duration
    private var last = ContinuousClock.now

    init(interval: Duration) { self.interval = interval }

    /// The instant the next delivery may go.
    func nextSlot() -> ContinuousClock.Instant {
        last = max(ContinuousClock.now, last + interval)
        return last
    }
}

/// An append-only file of delivery ids, synced with group commit: concurrent records are written
/// together and acknowledged after one `fsync`.
private actor DurableDeliveryLog {
    private let descriptor: Int32
    private let worker: String
    private var seen: Set<String> = []
    private var pending: [(id: String, isNew: Bool, line: String, continuation: CheckedContinuation<Void, any Error>)] =
        []
    private var flushScheduled = false
    private(set) var counts: (new: Int, duplicates: Int) = (0, 0)

    struct Failure: Error {}

    init(path: String, worker: String) throws {
        self.worker = worker
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in existing.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 3, fields[0] == "NEW" || fields[0] == "DUP" { seen.insert(String(fields[1])) }
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw CLIError.badInput("cannot open the transport log") }
        if !existing.isEmpty, !existing.hasSuffix("\n") {
            // A torn last line (crash during a write): terminate it so that it stays unparseable.
            _ = "\n".withCString { write(descriptor, $0, 1) }
        }
    }

    /// Records `id` durably; returns whether it was new.
    func record(_ id: String) async throws -> Bool {
        let isNew = seen.insert(id).inserted
        let line = "\(isNew ? "NEW" : "DUP") \(id) \(worker)\n"
        try await withCheckedThrowingContinuation { continuation in
            pending.append((id, isNew, line, continuation))
            if !flushScheduled {
                flushScheduled = true
                Task { self.flush() }
            }
        }
        if isNew { counts.new += 1 } else { counts.duplicates += 1 }
        return isNew
    }

    private func flush() {
        let batch = pending
        pending = []
        flushScheduled = false
        let bytes = Array(batch.map(\.line).joined().utf8)
        var written = 0
        var failed = false
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result <= 0 {
                failed = true
                break
            }
            written += result
        }
        if !failed, fsync(descriptor) != 0 { failed = true }
        for entry in batch {
            if failed {
                if entry.isNew { seen.remove(entry.id) }
                entry.continuation.resume(throwing: Failure())
            } else {
                entry.continuation.resume()
            }
        }
    }
}
