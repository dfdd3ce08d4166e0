import Foundation

/// What a ``ReplayAdmission`` asks of the storage behind a ``ReplayCache``: four small
/// operations on entries keyed by sender and message ID, each with an expiry. A store runs them in
/// one transaction (or actor step) per admission.
public protocol ReplayAdmissionStorage {
    /// Forgets every entry that expired before `now`.
    mutating func purgeExpired(now: Date) throws
    /// The number of entries held (expired ones not yet purged included).
    mutating func count() throws -> Int
    /// Whether an entry for `sender` + `messageID` is held and has not expired at `now`.
    mutating func isLive(sender: String, messageID: String, now: Date) throws -> Bool
    /// Records `sender` + `messageID` until `expiry` unless an entry that has not expired at `now`
    /// holds them (an expired one is replaced); returns whether it recorded.
    mutating func recordUnlessLive(sender: String, messageID: String, expiry: Date, now: Date) throws -> Bool
}

/// ``ReplayAdmissionStorage`` for stores whose operations are asynchronous (a network database).
public protocol AsyncReplayAdmissionStorage {
    /// Forgets every entry that expired before `now`.
    func purgeExpired(now: Date) async throws
    /// The number of entries held (expired ones not yet purged included).
    func count() async throws -> Int
    /// Whether an entry for `sender` + `messageID` is held and has not expired at `now`.
    func isLive(sender: String, messageID: String, now: Date) async throws -> Bool
    /// Records `sender` + `messageID` until `expiry` unless a live entry holds them; returns whether
    /// it recorded.
    func recordUnlessLive(sender: String, messageID: String, expiry: Date, now: Date) async throws -> Bool
}

/// The replay-admission algorithm of every ``ReplayCache``, written once: the time window, purging
/// expired entries, the capacity limit and duplicate detection. The in-memory, SQLite and
/// PostgreSQL caches run it over their ``ReplayAdmissionStorage`` (SQL for the durable ones, inside
/// one transaction; their unique key on sender + ID keeps "record unless live" atomic across
/// processes).
///
/// For each admission: a message outside ``window`` is refused without touching the storage; then
/// expired entries are purged when ``schedule`` says a purge is due (``PurgePolicy``); a full store
/// (``capacity``) answers ``ReplayVerdict/replayed`` for a live ID and
/// ``ReplayVerdict/capacityExceeded`` otherwise (it never forgets a live ID); else the ID is
/// recorded until ``ReplayWindow/expiry(of:)`` and accepted, or found live and replayed.
public struct ReplayAdmission: Sendable {
    /// When expired entries are purged.
    public enum PurgePolicy: Sendable, Hashable {
        /// Whenever the schedule is due, and again whenever the store is full (durable stores,
        /// whose purge is an indexed `DELETE`).
        case scheduledAndWhenFull
        /// Only when the store is full and the schedule is due (in memory, where a purge scans
        /// every entry: a full cache does not scan on every message).
        case whenFullOnSchedule
    }

    /// One storage operation the algorithm asks for.
    enum Operation: Sendable, Hashable {
        /// ``ReplayAdmissionStorage/purgeExpired(now:)``.
        case purgeExpired
        /// ``ReplayAdmissionStorage/count()``.
        case count
        /// ``ReplayAdmissionStorage/isLive(sender:messageID:now:)``.
        case isLive
        /// ``ReplayAdmissionStorage/recordUnlessLive(sender:messageID:expiry:now:)``.
        case recordUnlessLive
    }

    /// The time window.
    public let window: ReplayWindow
    /// The most entries held, or `nil` for no limit.
    public let capacity: Int?
    /// When purges are due.
    public let schedule: ReplayPurgeSchedule
    /// Whether a full store purges off schedule.
    public let purgePolicy: PurgePolicy

    /// Creates the algorithm; a `capacity` below 1 counts as 1.
    public init(window: ReplayWindow, capacity: Int?, schedule: ReplayPurgeSchedule, purgePolicy: PurgePolicy) {
        self.window = window
        self.capacity = capacity.map { max(1, $0) }
        self.schedule = schedule
        self.purgePolicy = purgePolicy
    }

    /// The admission of a database-backed cache: expired rows purged at most once per
    /// `purgeInterval` seconds, and whenever the cache is full.
    public static func durable(window: ReplayWindow, capacity: Int?, purgeInterval: TimeInterval) -> ReplayAdmission {
        ReplayAdmission(
            window: window, capacity: capacity, schedule: ReplayPurgeSchedule(interval: purgeInterval),
            purgePolicy: .scheduledAndWhenFull)
    }

    /// The admission of an in-memory cache of at most `capacity` entries: a full cache purges its
    /// expired entries at most once a second, so that it does not scan on every message.
    public static func inMemory(window: ReplayWindow, capacity: Int) -> ReplayAdmission {
        ReplayAdmission(
            window: window, capacity: capacity, schedule: ReplayPurgeSchedule(interval: 1),
            purgePolicy: .whenFullOnSchedule)
    }

    /// Admits a message over synchronous storage (in memory, or inside an SQLite transaction).
    public func admit(
        messageID: String, sender: String, issuedAt: Date, now: Date, storage: inout some ReplayAdmissionStorage
    ) throws -> ReplayVerdict {
        var run = Run(admission: self, issuedAt: issuedAt, now: now)
        while let operation = run.operation {
            run.resume(
                with: try Self.perform(
                    operation, on: &storage, sender: sender, messageID: messageID, expiry: run.expiry, now: now))
        }
        return run.verdict
    }

    /// Admits a message over asynchronous storage (a network database, inside one transaction).
    public func admit(
        messageID: String, sender: String, issuedAt: Date, now: Date, storage: some AsyncReplayAdmissionStorage
    ) async throws -> ReplayVerdict {
        var run = Run(admission: self, issuedAt: issuedAt, now: now)
        while let operation = run.operation {
            let answer: Int
            switch operation {
            case .purgeExpired:
                try await storage.purgeExpired(now: now)
                answer = 0
            case .count: answer = try await storage.count()
            case .isLive: answer = try await storage.isLive(sender: sender, messageID: messageID, now: now) ? 1 : 0
            case .recordUnlessLive:
                answer =
                    try await storage.recordUnlessLive(
                        sender: sender, messageID: messageID, expiry: run.expiry, now: now) ? 1 : 0
            }
            run.resume(with: answer)
        }
        return run.verdict
    }

    /// The refusal for a message dated outside the window at `now`, or `nil`: the only part of an
    /// admission that needs no storage (a store checks it before opening a transaction).
    public func timeVerdict(issuedAt: Date, now: Date) -> ReplayVerdict? {
        window.timeVerdict(issuedAt: issuedAt, now: now)
    }

    private static func perform(
        _ operation: Operation, on storage: inout some ReplayAdmissionStorage, sender: String, messageID: String,
        expiry: Date, now: Date
    ) throws -> Int {
        switch operation {
        case .purgeExpired:
            try storage.purgeExpired(now: now)
            return 0
        case .count: return try storage.count()
        case .isLive: return try storage.isLive(sender: sender, messageID: messageID, now: now) ? 1 : 0
        case .recordUnlessLive:
            return try storage.recordUnlessLive(sender: sender, messageID: messageID, expiry: expiry, now: now) ? 1 : 0
        }
    }

    /// The algorithm as a sequence of storage operations: ``operation`` is the next one to perform
    /// (`nil` when decided), ``resume(with:)`` takes its answer (a count, or 1/0 for yes/no).
    private struct Run {
        let admission: ReplayAdmission
        let now: Date
        let expiry: Date
        private(set) var operation: Operation?
        private(set) var verdict: ReplayVerdict = .accepted
        private var purged = false
        private var recounted = false

        init(admission: ReplayAdmission, issuedAt: Date, now: Date) {
            self.admission = admission
            self.now = now
            self.expiry = admission.window.expiry(of: issuedAt)
            if let refused = admission.window.timeVerdict(issuedAt: issuedAt, now: now) {
                verdict = refused
                operation = nil
            } else if admission.purgePolicy == .scheduledAndWhenFull, admission.schedule.isDue(at: now) {
                purged = true
                operation = .purgeExpired
            } else {
                operation = admission.capacity == nil ? .recordUnlessLive : .count
            }
        }

        mutating func resume(with answer: Int) {
            switch operation {
            case .purgeExpired?:
                operation = admission.capacity == nil ? .recordUnlessLive : .count
            case .count?:
                guard let capacity = admission.capacity, answer >= capacity else {
                    operation = .recordUnlessLive
                    return
                }
                if !recounted, purgeWhenFull() {
                    recounted = true
                    purged = true
                    operation = .purgeExpired
                } else {
                    operation = .isLive
                }
            case .isLive?:
                verdict = answer != 0 ? .replayed : .capacityExceeded
                operation = nil
            case .recordUnlessLive?:
                verdict = answer != 0 ? .accepted : .replayed
                operation = nil
            case nil:
                break
            }
        }

        /// Whether a full store purges now (and is counted again).
        private func purgeWhenFull() -> Bool {
            switch admission.purgePolicy {
            case .scheduledAndWhenFull: !purged
            case .whenFullOnSchedule: admission.schedule.isDue(at: now)
            }
        }
    }
}
