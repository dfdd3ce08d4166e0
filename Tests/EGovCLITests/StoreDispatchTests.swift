import EGovNotifications
import EGovSQLite
import EGovTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `egov store dispatch`: crash recovery on SQLite (SIGKILL midway, then restart), deduplication
/// by stable delivery id, and several dispatcher processes on one PostgreSQL database.
@Suite struct StoreDispatchTests {
    /// The transport log: for each line, whether it recorded a new delivery, and the delivery id.
    struct TransportLog {
        var newIDs: [String] = []
        var duplicateIDs: [String] = []

        init(text: String) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 3 else { continue }
                if fields[0] == "NEW" { newIDs.append(String(fields[1])) }
                if fields[0] == "DUP" { duplicateIDs.append(String(fields[1])) }
            }
        }

        init(path: String) {
            self.init(text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }
    }

    static func expectedIDs(_ count: Int) -> Set<String> {
        Set((0..<count).map { "notice-" + String(repeating: "0", count: 6 - String($0).count) + String($0) + "#inbox" })
    }

    @Test func sqliteDispatchSurvivesSIGKILLMidway() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let count = 10_000
        let database = scratch.path("outbox.sqlite")
        let logPath = scratch.path("transport.log")
        func arguments(_ worker: String) -> [String] {
            [
                "store", "dispatch", "--store", "sqlite:\(database)", "--count", "\(count)", "--transport-log", logPath,
                "--lease", "1", "--worker", worker, "--durability", StoreDispatchTests.crashDurability,
            ]
        }

        // First run: killed with SIGKILL once a part of the notices went out. The transport takes at
        // most 1,000 deliveries a second (a gateway's limit), so the run lasts at least ten seconds
        // and the kill lands midway even on a loaded machine.
        let process = Process()
        process.executableURL = try CLIRunner.executable()
        process.arguments = arguments("first") + ["--rate", "1000"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Watch and kill from a thread of its own: the tests running in parallel can keep Swift's
        // cooperative threads busy for seconds, a thread is scheduled by the kernel.
        let wasRunning = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(120)
                while TransportLog(path: logPath).newIDs.count < count / 5, process.isRunning, Date() < deadline {
                    usleep(10_000)
                }
                let running = process.isRunning
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                continuation.resume(returning: running)
            }
        }
        #expect(wasRunning, "the first run ended before it could be killed")
        #expect(process.terminationReason == .uncaughtSignal)
        let beforeRestart = TransportLog(path: logPath)
        #expect(beforeRestart.newIDs.count < count, "the kill must happen midway")

        // Restart: enqueues nothing new (idempotency keys), finishes every delivery.
        let result = try await CLIRunner.egov(arguments("second"))
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try result.json()
        #expect(summary["enqueued"] as? Int == 0)
        #expect(summary["pending"] as? Int == 0)
        #expect((summary["states"] as? [String: Int]) == ["sent": count])

        // None lost, none seen by the transport as a new delivery twice.
        let log = TransportLog(path: logPath)
        #expect(log.newIDs.count == count, "\(log.newIDs.count) new deliveries for \(count) notices")
        #expect(Set(log.newIDs) == Self.expectedIDs(count))
        #expect(Set(log.duplicateIDs).isSubset(of: Set(beforeRestart.newIDs)))
    }

    @Test func transportDeduplicatesByStableDeliveryID() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        // The transport already received five deliveries (e.g. its acknowledgement was lost).
        let seen = (0..<5).map { "NEW notice-00000\($0)#inbox earlier\n" }.joined()
        try scratch.write("transport.log", seen + "NEW notice-0000")  // and a torn last line
        let result = try await CLIRunner.egov([
            "store", "dispatch", "--store", "sqlite:\(scratch.path("outbox.sqlite"))", "--count", "20",
            "--transport-log", scratch.path("transport.log"), "--lease", "5", "--durability", "normal",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try result.json()
        #expect(summary["transportDuplicates"] as? Int == 5)
        #expect(summary["transportNew"] as? Int == 15)
        let log = TransportLog(path: scratch.path("transport.log"))
        #expect(log.newIDs.count == 20)
        #expect(Set(log.newIDs) == Self.expectedIDs(20))
        #expect(Set(log.duplicateIDs) == Set((0..<5).map { "notice-00000\($0)#inbox" }))
    }

    /// A damaged database is bad input (65) with a clear message, never an empty queue (0) or an
    /// internal failure (70): a file of garbage, and a real database of 300 notices cut in half.
    @Test func damagedDatabaseExits65() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        try scratch.write("garbage.sqlite", Data((0..<64 << 10).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
        let path = scratch.path("outbox.sqlite")
        do {
            let store = SQLiteNotificationStore(database: try SQLiteDatabase(path: path))
            let notices = try (0..<300).map { try NotificationStoreConformance.notice("N-\($0)", key: "k-\($0)") }
            _ = try await store.enqueue(contentsOf: notices, at: Date())
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        for name in ["garbage.sqlite", "outbox.sqlite"] {
            let result = try await CLIRunner.egov([
                "store", "dispatch", "--store", "sqlite:\(scratch.path(name))", "--count", "0", "--no-enqueue",
                "--transport-log", scratch.path("transport.log"),
            ])
            #expect(result.status == 65, "\(name): \(result.status) \(result.stdout) \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(name): no summary for a store that cannot be read")
            // The last line of stderr is the CLI's error (the store's log line comes before it).
            let last = String(result.stderr.split(separator: "\n").last ?? "")
            let error = try #require(
                try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: String], "\(result.stderr)")
            #expect(error["error"] == "core.store.corrupt_database", "\(name): \(error)")
            #expect(error["reason"]?.contains("damaged") == true, "\(name): \(error)")
        }
    }

    static var postgresURL: String? {
        guard let value = ProcessInfo.processInfo.environment["EGOV_POSTGRES_URL"], !value.isEmpty else { return nil }
        return value
    }

    static var postgresEnabled: Bool { postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The SQLite durability the crash test runs with (`EGOV_CRASH_DURABILITY`, default `full`;
    /// `normal` also survives SIGKILL, only power loss differs).
    static var crashDurability: String { ProcessInfo.processInfo.environment["EGOV_CRASH_DURABILITY"] ?? "full" }

    @Test(.enabled(if: postgresEnabled, "needs EGOV_POSTGRES_URL (set by .ci/run)"))
    func postgresWorkersNeverDispatchOneDeliveryTwice() async throws {
        let base = try #require(Self.postgresURL, "CI=true but EGOV_POSTGRES_URL is not set")
        let schema = "egov_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let count = 20_000
        let workers = 3
        let results = try await withThrowingTaskGroup(of: CLIRunner.Result.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    try await CLIRunner.egov([
                        "store", "dispatch", "--store", url, "--count", "\(count)", "--transport-log",
                        scratch.path("transport-\(worker).log"), "--worker", "w\(worker)", "--lease", "60",
                        "--batch", "200", "--dispatchers", "4",
                    ])
                }
            }
            var all: [CLIRunner.Result] = []
            for try await result in group { all.append(result) }
            return all
        }
        var enqueued = 0
        var sentSeen = 0
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try result.json()
            enqueued += summary["enqueued"] as? Int ?? 0
            #expect(summary["transportDuplicates"] as? Int == 0)
            sentSeen = max(sentSeen, (summary["states"] as? [String: Int])?["sent"] ?? 0)
        }
        #expect(enqueued == count, "every notice must be enqueued once across the workers")
        #expect(sentSeen == count, "every notice must end sent")
        var all: [String] = []
        var perWorker: [Int] = []
        for worker in 0..<workers {
            let log = TransportLog(path: scratch.path("transport-\(worker).log"))
            all += log.newIDs
            perWorker.append(log.newIDs.count)
        }
        #expect(all.count == count, "\(all.count) deliveries for \(count) notices (per worker: \(perWorker))")
        #expect(Set(all) == Self.expectedIDs(count), "a delivery was lost or dispatched by two workers")
        #expect(perWorker.filter { $0 > 0 }.count >= 2, "the work must be shared: \(perWorker)")
    }
}
