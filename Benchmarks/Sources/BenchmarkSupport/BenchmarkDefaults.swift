import Benchmark

extension Benchmark.Configuration {
    /// The configuration every EGovKit benchmark target starts from: wall clock, throughput and
    /// malloc count, nanoseconds, 20 warm-up iterations, at most 3 s or 1,000,000 iterations per
    /// benchmark. Targets override only what differs.
    public static func egovDefault(
        timeUnits: BenchmarkTimeUnits = .nanoseconds, warmupIterations: Int = 20,
        maxDuration: Duration = .seconds(3), maxIterations: Int = 1_000_000
    ) -> Benchmark.Configuration {
        .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: timeUnits,
            warmupIterations: warmupIterations, maxDuration: maxDuration, maxIterations: maxIterations)
    }
}
