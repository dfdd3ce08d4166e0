import CoreMetrics
import Synchronization

/// A metrics factory that sums counters by label and `channel` dimension; other metrics are dropped.
final class CountingMetricsFactory: MetricsFactory {
    final class CounterBox: CounterHandler {
        let key: String
        let totals: CountingMetricsFactory
        init(key: String, totals: CountingMetricsFactory) {
            self.key = key
            self.totals = totals
        }
        func increment(by amount: Int64) { totals.values.withLock { $0[key, default: 0] += amount } }
        func reset() { totals.values.withLock { $0[key] = 0 } }
    }

    let values = Mutex<[String: Int64]>([:])

    /// The total of counter `label` for `channel`.
    func total(_ label: String, channel: String) -> Int64 { values.withLock { $0["\(label)|\(channel)"] ?? 0 } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let channel = dimensions.first { $0.0 == "channel" }?.1 ?? ""
        return CounterBox(key: "\(label)|\(channel)", totals: self)
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        NOOPMetricsHandler.instance
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { NOOPMetricsHandler.instance }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}
