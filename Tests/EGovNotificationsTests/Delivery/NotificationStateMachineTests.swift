import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationStateMachineTests {
    /// The documented table, row by row.
    static let table: [(DeliveryState, DeliveryEvent, DeliveryState)] = [
        (.created, .enqueue, .queued),
        (.queued, .startSending, .sending),
        (.temporaryFailure, .startSending, .sending),
        (.sending, .accept, .sent),
        (.sending, .failTemporarily, .temporaryFailure),
        (.sent, .failTemporarily, .temporaryFailure),
        (.sending, .failPermanently, .permanentFailure),
        (.sent, .failPermanently, .permanentFailure),
        (.temporaryFailure, .failPermanently, .permanentFailure),
        (.permanentFailure, .fallBack, .queued),
        (.permanentFailure, .exhaust, .failed),
        (.sent, .deliver, .delivered),
        (.sent, .read, .read),
        (.delivered, .read, .read),
        (.sent, .deemService, .deemedServed),
        (.delivered, .deemService, .deemedServed),
        (.created, .cancel, .cancelled),
        (.queued, .cancel, .cancelled),
        (.temporaryFailure, .cancel, .cancelled),
        (.permanentFailure, .cancel, .cancelled),
        (.created, .expire, .expired),
        (.queued, .expire, .expired),
        (.temporaryFailure, .expire, .expired),
        (.permanentFailure, .expire, .expired),
    ]

    @Test func everyLegalTransitionIsAllowed() throws {
        for (from, event, to) in Self.table {
            #expect(try DeliveryStateMachine.transition(from: from, event: event) == to, "\(from) --\(event)-->")
        }
    }

    @Test func everyOtherPairIsRefused() {
        var refused = 0
        for state in DeliveryState.allCases {
            for event in DeliveryEvent.allCases
            where !Self.table.contains(where: { $0.0 == state && $0.1 == event }) {
                #expect(throws: NotificationError.illegalTransition(from: state, event: event)) {
                    try DeliveryStateMachine.transition(from: state, event: event)
                }
                refused += 1
            }
        }
        #expect(refused == DeliveryState.allCases.count * DeliveryEvent.allCases.count - Self.table.count)
        #expect(DeliveryStateMachine.legalTransitions.count == Self.table.count)
    }

    @Test(arguments: [
        (DeliveryState.created, DeliveryEvent.startSending), (.queued, .accept), (.sent, .cancel),
        (.delivered, .deliver), (.read, .deemService), (.deemedServed, .read), (.failed, .fallBack),
        (.cancelled, .enqueue), (.expired, .startSending), (.sending, .cancel), (.sending, .expire),
        (.delivered, .failPermanently),
    ])
    func illegalTransitionsAreRefused(_ state: DeliveryState, _ event: DeliveryEvent) {
        #expect(throws: NotificationError.illegalTransition(from: state, event: event)) {
            try DeliveryStateMachine.transition(from: state, event: event)
        }
    }

    @Test func terminalStatesAcceptNothing() {
        for state in DeliveryState.allCases where state.isTerminal {
            for event in DeliveryEvent.allCases {
                #expect((try? DeliveryStateMachine.transition(from: state, event: event)) == nil)
            }
        }
    }

    @Test func deliveryTracksChannelsAttemptsAndHistory() throws {
        let clock = ManualClock()
        var delivery = Delivery(notice: try NotificationFixtures.notice(channels: [.email, .sms]))
        try delivery.apply(.enqueue, at: clock.now())
        try delivery.apply(.startSending, at: clock.now())
        #expect(delivery.attempt == 1)
        #expect(delivery.transportDeliveryID.rawValue == "N-1#email")
        #expect(throws: NotificationError.illegalTransition(from: .sending, event: .fallBack)) {
            try delivery.recordPermanentFailure(at: clock.now(), alreadyFailed: true)
        }
        try delivery.recordPermanentFailure(at: clock.now())
        #expect(delivery.state == .queued)
        #expect(delivery.channel == .sms)
        #expect(delivery.attempt == 0)
        try delivery.apply(.startSending, at: clock.now())
        try delivery.recordPermanentFailure(at: clock.now())
        #expect(delivery.state == .failed)
        #expect(delivery.permanentlyFailedChannels == [.email, .sms])
        #expect(delivery.totalAttempts == 2)
        #expect(
            delivery.history.map(\.to) == [
                .queued, .sending, .permanentFailure, .queued, .sending, .permanentFailure, .failed,
            ])
    }

    @Test func informationalNoticesAreNeverDeemedServed() throws {
        var delivery = Delivery(notice: try NotificationFixtures.notice(category: .informational))
        let now = TestPKI.referenceDate
        for event in [DeliveryEvent.enqueue, .startSending, .accept] { try delivery.apply(event, at: now) }
        #expect(throws: NotificationError.illegalTransition(from: .sent, event: .deemService)) {
            try delivery.apply(.deemService, at: now)
        }
    }

    @Test func transportDeliveryIDParses() {
        let id = TransportDeliveryID(noticeID: NoticeID("a#b"), channel: .push)
        #expect(TransportDeliveryID(parsing: id.rawValue) == id)
        #expect(TransportDeliveryID(parsing: "nochannel") == nil)
        #expect(TransportDeliveryID(parsing: "x#fax") == nil)
    }
}
