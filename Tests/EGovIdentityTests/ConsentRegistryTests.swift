import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovIdentity

@Suite struct ConsentRegistryTests {
    @Test func grantUseRevokeAreCheckedAndAudited() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let registry = ConsentRegistry(auditLog: log, clock: clock)
        let grant = try await registry.grant(
            personAccountID: "acct-1", requester: "IAM", provider: "DSAJ", dataCategories: ["property-registration"],
            purpose: "food-licence", until: clock.now() + 30 * 86_400)

        #expect(
            try await registry.use(
                personAccountID: "acct-1", requester: "IAM", provider: "DSAJ", dataCategory: "property-registration",
                purpose: "food-licence") == .allowed(grantID: grant.id))
        // Out of scope in each dimension.
        #expect(
            try await registry.check(
                personAccountID: "acct-1", requester: "IAM", provider: "DSAJ", dataCategory: "criminal-record",
                purpose: "food-licence") == .denied(.dataNotCovered))
        #expect(
            try await registry.check(
                personAccountID: "acct-1", requester: "IAM", provider: "DSAJ", dataCategory: "property-registration",
                purpose: "marketing") == .denied(.purposeNotCovered))
        #expect(
            try await registry.check(
                personAccountID: "acct-1", requester: "DSF", provider: "DSAJ", dataCategory: "property-registration",
                purpose: "food-licence") == .denied(.noGrant))
        #expect(
            try await registry.check(
                personAccountID: "acct-2", requester: "IAM", provider: "DSAJ", dataCategory: "property-registration",
                purpose: "food-licence") == .denied(.noGrant))

        clock.advance(by: 86_400)
        try await registry.revoke(grant.id, by: "acct-1")
        #expect(
            try await registry.use(
                personAccountID: "acct-1", requester: "IAM", provider: "DSAJ", dataCategory: "property-registration",
                purpose: "food-licence") == .denied(.revoked))
        await #expect(throws: ConsentError.alreadyRevoked) { try await registry.revoke(grant.id, by: "acct-1") }

        let entries = try await log.entries(from: 0, limit: 100)
        #expect(
            entries.map(\.event.action) == ["consent.granted", "consent.used", "consent.revoked", "consent.refused"])
        #expect(await log.verify().isValid)
    }

    @Test func expiryAndValidation() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let registry = ConsentRegistry(
            auditLog: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), clock: clock)
        let grant = try await registry.grant(
            personAccountID: "a", requester: "B", provider: "A", dataCategories: ["x"], purpose: "p",
            until: clock.now() + 60)
        clock.advance(by: 61)
        #expect(
            try await registry.check(
                personAccountID: "a", requester: "B", provider: "A", dataCategory: "x", purpose: "p")
                == .denied(.expired))
        #expect(try await registry.grants(of: "a") == [grant])
        await #expect(throws: ConsentError.invalidPeriod) {
            try await registry.grant(
                personAccountID: "a", requester: "B", provider: "A", dataCategories: ["x"], purpose: "p",
                until: clock.now() - 1)
        }
        await #expect(throws: ConsentError.incomplete("data category")) {
            try await registry.grant(
                personAccountID: "a", requester: "B", provider: "A", dataCategories: [], purpose: "p",
                until: clock.now() + 60)
        }
        await #expect(throws: ConsentError.unknownGrant) { try await registry.revoke("nope", by: "a") }
    }
}
