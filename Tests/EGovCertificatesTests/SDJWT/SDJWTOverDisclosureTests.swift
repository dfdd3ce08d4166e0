import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovCertificates

@Suite("SDJWT: a presentation discloses exactly the requested claims")
struct SDJWTOverDisclosureTests {
    typealias F = SDJWTFixture

    static let claims: [String: JSONValue] = [
        "holder": .object(["name": .string("Boa Mesa Lda."), "address": .string("Rua 1")]),
        "licence_number": .string("L-1"),
    ]

    @Test("a path below a disclosure whose other members are in the clear is refused, not over-disclosed")
    func parentWithClearSiblingsIsRefused() async throws {
        let key = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: key).issue(
            claims: Self.claims, disclose: DisclosurePlan([["holder"]]))
        await #expect(throws: SDJWTError.overDisclosure("holder.name")) {
            try await SDJWTPresenter().present(
                issued, disclosing: [["holder", "name"]], holderKey: nil, audience: "", nonce: "", issuedAt: F.now)
        }
        // Asking for every member it would reveal is fine.
        let both = try await SDJWTPresenter().present(
            issued, disclosing: [["holder", "name"], ["holder", "address"]], holderKey: nil, audience: "", nonce: "",
            issuedAt: F.now)
        #expect(both.disclosures.count == 1)
    }

    @Test("with recursive disclosures only the path and its parents are disclosed")
    func recursiveDisclosesOnlyThePath() async throws {
        let key = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: key).issue(
            claims: Self.claims, disclose: DisclosurePlan(recursive: [["holder"], ["licence_number"]]))
        let presentation = try await SDJWTPresenter().present(
            issued, disclosing: [["holder", "name"]], holderKey: nil, audience: "", nonce: "", issuedAt: F.now)
        let verified = try SDJWTVerifier(issuerKeys: try F.keySet(key)).verify(presentation.serialized)
        #expect(verified.claims["holder"] == .object(["name": .string("Boa Mesa Lda.")]))
        #expect(verified.claims["licence_number"] == nil)
    }
}
