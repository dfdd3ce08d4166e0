import EGovCatalogue
import EGovTesting
import Foundation
import Testing

@Suite struct CatalogueCaseStateTests {
    /// The expected state table, written out independently of `CaseState.successors`.
    static let legal: Set<String> = [
        "submitted>acceptedAtIntake", "submitted>refusedAtIntake", "submitted>withdrawn",
        "acceptedAtIntake>inReview", "acceptedAtIntake>withdrawn",
        "refusedAtIntake>closed",
        "inReview>supplementRequested", "inReview>decided.approved", "inReview>decided.refused", "inReview>withdrawn",
        "supplementRequested>inReview", "supplementRequested>withdrawn",
        "decided.approved>outputIssued", "decided.refused>closed",
        "outputIssued>closed",
    ]

    /// A path from `submitted` to `state`.
    static func path(to state: CaseState) -> [CaseState] {
        switch state {
        case .submitted: []
        case .acceptedAtIntake: [.acceptedAtIntake]
        case .refusedAtIntake: [.refusedAtIntake]
        case .inReview: [.acceptedAtIntake, .inReview]
        case .supplementRequested: [.acceptedAtIntake, .inReview, .supplementRequested]
        case .decided(let decision): [.acceptedAtIntake, .inReview, .decided(decision)]
        case .outputIssued: [.acceptedAtIntake, .inReview, .decided(.approved), .outputIssued]
        case .closed: [.refusedAtIntake, .closed]
        case .withdrawn: [.withdrawn]
        }
    }

    static func caseIn(_ state: CaseState) throws -> ApplicationCase {
        var result = try ApplicationCase(
            id: "case-1", serviceID: "svc.a", departmentID: "dsi", channel: .online, isFullyOnline: true,
            timeLimit: CaseFixtures.limit(5), submittedAt: CaseFixtures.date("2026-03-02", 9))
        for (index, next) in path(to: state).enumerated() {
            try result.transition(to: next, at: CaseFixtures.date("2026-03-02", 10 + index))
        }
        return result
    }

    @Test("every pair of states: legal transitions succeed, all others are refused", arguments: CaseState.allCases)
    func transitionsFrom(_ from: CaseState) throws {
        for to in CaseState.allCases {
            var applicationCase = try Self.caseIn(from)
            #expect(applicationCase.state == from)
            let isLegal = Self.legal.contains("\(from.name)>\(to.name)")
            #expect(from.canTransition(to: to) == isLegal, "\(from) -> \(to)")
            let when = try CaseFixtures.date("2026-03-03")
            if isLegal {
                try applicationCase.transition(to: to, at: when)
                #expect(applicationCase.state == to)
                #expect(applicationCase.transitions.last?.from == from)
                #expect(applicationCase.transitions.last?.at == when)
            } else {
                #expect(throws: CaseError.illegalTransition(from: from, to: to)) {
                    try applicationCase.transition(to: to, at: when)
                }
                #expect(applicationCase.state == from)
            }
        }
    }

    @Test func illegalTransitionHasStableCode() throws {
        var applicationCase = try Self.caseIn(.submitted)
        do {
            try applicationCase.transition(to: .decided(.approved), at: CaseFixtures.date("2026-03-03"))
            Issue.record("expected an error")
        } catch let error as CaseError {
            #expect(error.code == "catalog.case.transition.illegal")
            #expect(error.reason == "a case cannot move from submitted to decided.approved")
        }
    }

    @Test func withdrawalOnlyFromNonFinalStates() {
        for state in CaseState.allCases {
            #expect(state.canTransition(to: .withdrawn) == !state.isFinal, "\(state)")
        }
        #expect(CaseState.closed.isTerminal && CaseState.withdrawn.isTerminal)
        #expect(CaseState.allCases.filter(\.isTerminal).count == 2)
    }

    @Test func transitionsMustBeInOrder() throws {
        var applicationCase = try Self.caseIn(.submitted)
        #expect(throws: CaseError.transitionOutOfOrder) {
            try applicationCase.transition(to: .acceptedAtIntake, at: CaseFixtures.date("2026-03-01"))
        }
        #expect(CaseError.transitionOutOfOrder.code == "catalog.case.transition.out-of-order")
    }

    @Test func recordsTimestampsChannelAndPausesWithAnInjectedClock() throws {
        let clock = ManualClock(try CaseFixtures.date("2026-03-02", 9))
        var applicationCase = try ApplicationCase(
            id: "case-1", serviceID: "svc.a", departmentID: "dsi", channel: .app, isFullyOnline: true,
            timeLimit: CaseFixtures.limit(5), clock: clock)
        let steps: [CaseState] = [
            .acceptedAtIntake, .inReview, .supplementRequested, .inReview, .supplementRequested, .inReview,
            .decided(.approved), .outputIssued, .closed,
        ]
        for step in steps {
            clock.advance(by: 3600)
            try applicationCase.transition(to: step, clock: clock)
        }
        #expect(applicationCase.submittedAt == (try CaseFixtures.date("2026-03-02", 9)))
        #expect(applicationCase.channel == .app && applicationCase.channel.isOnline && applicationCase.isFullyOnline)
        #expect(applicationCase.transitions.map(\.to) == steps)
        #expect(applicationCase.acceptedAt == (try CaseFixtures.date("2026-03-02", 10)))
        #expect(applicationCase.decidedAt == (try CaseFixtures.date("2026-03-02", 16)))
        #expect(applicationCase.decision == .approved)
        #expect(applicationCase.supplementRequestCount == 2)
        #expect(applicationCase.pauses.count == 2)
        #expect(applicationCase.pauses[1].requestedAt == (try CaseFixtures.date("2026-03-02", 14)))
        #expect(applicationCase.pauses[1].endedAt == (try CaseFixtures.date("2026-03-02", 15)))
        #expect(!applicationCase.isOpen)
    }

    @Test func fullyOnlineRequiresAnOnlineChannel() throws {
        for channel in [SubmissionChannel.counter, .kiosk] {
            #expect(throws: CaseError.self) {
                try ApplicationCase(
                    id: "c", serviceID: "s", departmentID: "d", channel: channel, isFullyOnline: true,
                    timeLimit: CaseFixtures.limit(5), submittedAt: CaseFixtures.date("2026-03-02"))
            }
        }
        #expect(throws: CaseError.self) {
            try ApplicationCase(
                id: "", serviceID: "s", departmentID: "d", channel: .online, isFullyOnline: true,
                timeLimit: CaseFixtures.limit(5), submittedAt: CaseFixtures.date("2026-03-02"))
        }
    }

    @Test func codableRoundTripAndTamperedHistoryRejected() throws {
        let original = try Self.caseIn(.outputIssued)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(original)
        #expect(try JSONDecoder().decode(ApplicationCase.self, from: data) == original)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"decided.approved\""))
        let tampered = text.replacingOccurrences(of: "\"state\":\"outputIssued\"", with: "\"state\":\"closed\"")
        #expect(tampered != text)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ApplicationCase.self, from: Data(tampered.utf8))
        }
        let skipped = text.replacingOccurrences(of: "\"to\":\"inReview\"", with: "\"to\":\"outputIssued\"")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ApplicationCase.self, from: Data(skipped.utf8))
        }
    }
}
