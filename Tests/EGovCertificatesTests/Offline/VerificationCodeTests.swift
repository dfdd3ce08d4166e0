import Foundation
import Testing

@testable import EGovCertificates

@Suite struct VerificationCodeTests {
    @Test func generatedCodesParseBackAndCatchTypos() throws {
        for _ in 0..<200 {
            let code = try VerificationCode.generate()
            #expect(code.value.count == 13)
            #expect(try VerificationCode(parsing: code.formatted) == code)
            #expect(try VerificationCode(parsing: code.formatted.lowercased()) == code)
            #expect(try VerificationCode(parsing: code.value.map(String.init).joined(separator: " ")) == code)
            // Every single-character substitution in the random part is caught by the check character.
            var characters = Array(code.value)
            let position = Int.random(in: 0..<12)
            let replacement = VerificationCode.alphabet.first { $0 != characters[position] } ?? "0"
            characters[position] = replacement
            #expect(throws: VerificationCodeError.self) { try VerificationCode(parsing: String(characters)) }
            // Swapping two different neighbours is caught too.
            var swapped = Array(code.value)
            if let index = (0..<11).first(where: { swapped[$0] != swapped[$0 + 1] }) {
                swapped.swapAt(index, index + 1)
                #expect(throws: VerificationCodeError.self) { try VerificationCode(parsing: String(swapped)) }
            }
        }
    }

    @Test func malformedInputIsRefused() {
        for bad in [
            "", "ABC", "７K3M-9QXR-2T4W-C", "7K3M_9QXR_2T4W_C", "OOOO-OOOO-OOOO-0", String(repeating: "A", count: 100),
        ] {
            #expect(throws: VerificationCodeError.self) { try VerificationCode(parsing: bad) }
        }
    }

    @Test func registryResolvesByHashedKey() async throws {
        let registry = InMemoryVerificationRegistry()
        let code = try VerificationCode.generate()
        let record = VerificationRecord(
            credentialType: "https://gov.mo/vct/food-licence", issuer: "https://iam.gov.mo",
            title: [.en: "Food licence"],
            shownClaims: ["licence_number": "IAM-2026-0001"], validFrom: Date(timeIntervalSince1970: 0), validUntil: nil
        )
        try await registry.register(code, record: record)
        #expect(try await registry.resolve(code) == record)
        #expect(try await registry.resolve(try VerificationCode.generate()) == nil)
        #expect(!code.description.contains(code.value))
    }
}
