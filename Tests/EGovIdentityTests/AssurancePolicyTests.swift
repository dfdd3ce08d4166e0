import Foundation
import Testing

@testable import EGovIdentity

@Suite struct AssurancePolicyTests {
    let policy = AssurancePolicy.default
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ method: AuthenticationMethod, minutesAgo: Double = 1, score: Double? = nil, liveness: Bool? = nil)
        -> AuthenticationEvent
    {
        AuthenticationEvent(
            method: method, time: now.addingTimeInterval(-minutesAgo * 60), matchScore: score, livenessChecked: liveness
        )
    }

    @Test func levelsFromEventCombinations() {
        #expect(policy.level(of: [], at: now) == nil)
        #expect(policy.level(of: [event(.password)], at: now) == .low)
        #expect(policy.level(of: [event(.password), event(.smsOneTimeCode)], at: now) == .substantial)
        #expect(policy.level(of: [event(.password), event(.totp)], at: now) == .substantial)
        #expect(policy.level(of: [event(.smsOneTimeCode), event(.totp)], at: now) == .low)  // two possession factors
        #expect(policy.level(of: [event(.hardwareCertificate)], at: now) == .high)
        #expect(policy.level(of: [event(.inPersonCounter)], at: now) == .high)
        #expect(
            policy.level(of: [event(.faceMatch, score: 0.95, liveness: true), event(.totp)], at: now) == .substantial)
    }

    @Test func faceMatchNeedsLivenessAndScore() {
        #expect(policy.level(of: [event(.faceMatch, score: 0.95, liveness: false), event(.totp)], at: now) == .low)
        #expect(policy.level(of: [event(.faceMatch, score: 0.5, liveness: true), event(.totp)], at: now) == .low)
        #expect(policy.level(of: [event(.faceMatch, score: nil, liveness: true)], at: now) == nil)
    }

    @Test func levelsExpireWithTheirMaximumAge() {
        let events = [event(.password, minutesAgo: 90), event(.smsOneTimeCode, minutesAgo: 90)]
        // Substantial lasts one hour; after 90 minutes the same events still give low.
        #expect(policy.level(of: events, at: now) == .low)
        // A smart-card login cascades down as it ages: high for 15 minutes, then substantial
        // until one hour, then low until eight hours, then nothing.
        #expect(policy.level(of: [event(.hardwareCertificate, minutesAgo: 10)], at: now) == .high)
        #expect(policy.level(of: [event(.hardwareCertificate, minutesAgo: 20)], at: now) == .substantial)
        #expect(policy.level(of: [event(.hardwareCertificate, minutesAgo: 90)], at: now) == .low)
        #expect(policy.level(of: [event(.hardwareCertificate, minutesAgo: 9 * 60)], at: now) == nil)
        #expect(policy.level(of: [event(.password, minutesAgo: 9 * 60)], at: now) == nil)
        // Events from the future beyond the allowed skew do not count.
        #expect(policy.level(of: [event(.password, minutesAgo: -5)], at: now) == nil)
    }

    @Test func decisionAllowsOrAsksForStepUp() {
        #expect(
            policy.decide([event(.password), event(.totp)], required: .substantial, at: now)
                == .allow(level: .substantial))
        #expect(policy.decide([event(.hardwareCertificate)], required: .substantial, at: now).isAllowed)
        let decision = policy.decide([event(.password)], required: .substantial, at: now)
        guard case .stepUp(let required, let current, let options) = decision else {
            Issue.record("expected step-up")
            return
        }
        #expect(required == .substantial)
        #expect(current == .low)
        // The smallest additions come first and include a second factor for the password.
        #expect(options.first?.count == 1)
        #expect(options.contains([.smsOneTimeCode]))
        #expect(options.contains([.totp]))
        #expect(options.contains([.hardwareCertificate]))
        #expect(!options.contains([.password]))
        // Options that reach just the required level come before ones that overshoot it.
        #expect(Array(options.prefix(3)) == [[.smsOneTimeCode], [.softwareCertificate], [.totp]])
    }

    @Test func acrMapping() {
        for level in AssuranceLevel.allCases { #expect(AssuranceLevel(acr: level.acr) == level) }
        #expect(AssuranceLevel(acr: "urn:other") == nil)
        #expect(AssuranceLevel.high > .substantial && AssuranceLevel.substantial > .low)
        #expect(AssuranceLevel.substantial.nistAAL == "AAL2")
    }
}
