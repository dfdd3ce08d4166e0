import EGovNotifications
import Foundation
import Synchronization

/// A transport whose answer is a deterministic function of (seed, delivery id, attempt): about
/// `permanentPercent` % permanent failures, `temporaryPercent` % temporary failures, the rest
/// accepted. It records protocol violations: a delivery id accepted twice, or a first attempt
/// seen twice (the same delivery id treated as a new delivery).
final class FlakyTransport: NotificationTransport {
    struct State {
        var accepted: Set<String> = []
        var firstAttempts: Set<String> = []
        var pendingReceipts: [String] = []
        var calls = 0
        var violations: [String] = []
    }

    let channel: NotificationChannel
    private let seed: UInt64
    private let temporaryPercent: UInt64
    private let permanentPercent: UInt64
    private let state = Mutex(State())

    init(channel: NotificationChannel, seed: UInt64, temporaryPercent: UInt64 = 5, permanentPercent: UInt64 = 1) {
        self.channel = channel
        self.seed = seed
        self.temporaryPercent = temporaryPercent
        self.permanentPercent = permanentPercent
    }

    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        let id = deliveryID.rawValue
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        var generator = SeededRandomNumberGenerator(seed: hash &+ UInt64(attempt))
        let roll = generator.next() % 100
        let result: TransportResult =
            roll < permanentPercent
            ? .permanentFailure : roll < permanentPercent + temporaryPercent ? .temporaryFailure : .accepted
        state.withLock { state in
            state.calls += 1
            if deliveryID.channel != channel { state.violations.append("wrong channel for \(id)") }
            if attempt == 1, !state.firstAttempts.insert(id).inserted {
                state.violations.append("\(id) sent as a new delivery twice")
            }
            if result == .accepted {
                if !state.accepted.insert(id).inserted { state.violations.append("\(id) accepted twice") }
                state.pendingReceipts.append(id)
            }
        }
        return result
    }

    func drainReceipts() -> [String] {
        state.withLock { state in
            defer { state.pendingReceipts.removeAll(keepingCapacity: true) }
            return state.pendingReceipts
        }
    }

    var snapshot: State { state.withLock { $0 } }
}
