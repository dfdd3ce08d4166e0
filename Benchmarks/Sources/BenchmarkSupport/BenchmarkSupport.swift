import EGovCore
import Foundation

/// Runs an async setup step from a benchmark target's synchronous registration closure.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

/// A clock fixed at one time, for deterministic benchmark inputs.
public struct FixedClock: WallClock {
    /// The time it always returns.
    public let time: Date

    /// Creates the clock.
    public init(time: Date) { self.time = time }

    public func now() -> Date { time }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?
    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() throws -> T {
        guard let result = lock.withLock({ result }) else { throw CancellationError() }
        return try result.get()
    }
}
