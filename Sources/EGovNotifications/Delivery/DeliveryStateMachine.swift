/// The delivery state machine: which ``DeliveryEvent`` moves which ``DeliveryState`` where.
///
/// | From | Event | To |
/// |---|---|---|
/// | created | enqueue | queued |
/// | queued, temporaryFailure | startSending | sending |
/// | sending | accept | sent |
/// | sending, sent | failTemporarily | temporaryFailure |
/// | sending, sent, temporaryFailure | failPermanently | permanentFailure |
/// | permanentFailure | fallBack | queued (next channel) |
/// | permanentFailure | exhaust | failed |
/// | sent | deliver | delivered |
/// | sent, delivered | read | read |
/// | sent, delivered | deemService | deemedServed |
/// | created, queued, temporaryFailure, permanentFailure | cancel | cancelled |
/// | created, queued, temporaryFailure, permanentFailure | expire | expired |
///
/// Everything else is refused. The machine is pure; conditions that depend on data (a next
/// channel exists, the notice is legally effective) are checked by ``Delivery``.
public enum DeliveryStateMachine {
    /// The state `event` leads to from `state`.
    ///
    /// - Throws: ``NotificationError/illegalTransition(from:event:)`` if the table does not allow it.
    public static func transition(from state: DeliveryState, event: DeliveryEvent) throws(NotificationError)
        -> DeliveryState
    {
        switch (state, event) {
        case (.created, .enqueue): return .queued
        case (.queued, .startSending), (.temporaryFailure, .startSending): return .sending
        case (.sending, .accept): return .sent
        case (.sending, .failTemporarily), (.sent, .failTemporarily): return .temporaryFailure
        case (.sending, .failPermanently), (.sent, .failPermanently), (.temporaryFailure, .failPermanently):
            return .permanentFailure
        case (.permanentFailure, .fallBack): return .queued
        case (.permanentFailure, .exhaust): return .failed
        case (.sent, .deliver): return .delivered
        case (.sent, .read), (.delivered, .read): return .read
        case (.sent, .deemService), (.delivered, .deemService): return .deemedServed
        case (.created, .cancel), (.queued, .cancel), (.temporaryFailure, .cancel), (.permanentFailure, .cancel):
            return .cancelled
        case (.created, .expire), (.queued, .expire), (.temporaryFailure, .expire), (.permanentFailure, .expire):
            return .expired
        default: throw .illegalTransition(from: state, event: event)
        }
    }

    /// Every allowed `(from, event, to)` triple, in table order.
    public static var legalTransitions: [(from: DeliveryState, event: DeliveryEvent, to: DeliveryState)] {
        var result: [(from: DeliveryState, event: DeliveryEvent, to: DeliveryState)] = []
        for state in DeliveryState.allCases {
            for event in DeliveryEvent.allCases {
                if let target = try? transition(from: state, event: event) { result.append((state, event, target)) }
            }
        }
        return result
    }
}
