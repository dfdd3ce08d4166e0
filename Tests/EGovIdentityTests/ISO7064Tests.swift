import Testing

@testable import EGovIdentity

@Suite("ISO/IEC 7064 check character systems")
struct ISO7064Tests {
    // Known answers: the worked examples of ISO/IEC 7064 as reproduced in the python-stdnum
    // doctests (stdnum.iso7064.mod_11_2, stdnum.iso7064.mod_37_36).
    @Test("MOD 11-2 known answers")
    func mod11_2KnownAnswers() {
        #expect(ISO7064.mod11_2CheckCharacter(for: "0794") == "0")
        #expect(ISO7064.mod11_2CheckCharacter(for: "079") == "X")
        #expect(ISO7064.isValidMod11_2("07940"))
        #expect(ISO7064.isValidMod11_2("079X"))
        // ORCID iD 0000-0002-1825-0097 (ORCID's documented example) uses MOD 11-2.
        #expect(ISO7064.mod11_2CheckCharacter(for: "000000021825009") == "7")
        // GB 11643-1999 worked example.
        #expect(ISO7064.isValidMod11_2("11010519491231002X"))
        #expect(!ISO7064.isValidMod11_2("110105194912310021"))
    }

    @Test("MOD 11-2 rejects non-digits, full-width digits and empty input")
    func mod11_2RejectsBadInput() {
        #expect(ISO7064.mod11_2CheckCharacter(for: "") == nil)
        #expect(ISO7064.mod11_2CheckCharacter(for: "07A4") == nil)
        #expect(ISO7064.mod11_2CheckCharacter(for: "０７９４") == nil)
        #expect(!ISO7064.isValidMod11_2("0"))
    }

    @Test("MOD 37,36 known answer")
    func mod37_36KnownAnswer() {
        #expect(ISO7064.mod37_36CheckCharacter(for: "A12425GABC1234002") == "M")
        #expect(ISO7064.isValidMod37_36("A12425GABC1234002M"))
        #expect(!ISO7064.isValidMod37_36("A12425GABC1234002N"))
    }

    @Test("MOD 37,36 rejects lowercase, punctuation and empty input")
    func mod37_36RejectsBadInput() {
        #expect(ISO7064.mod37_36CheckCharacter(for: "") == nil)
        #expect(ISO7064.mod37_36CheckCharacter(for: "a12425") == nil)
        #expect(ISO7064.mod37_36CheckCharacter(for: "A1.2") == nil)
        #expect(ISO7064.mod37_36CheckCharacter(for: "Ａ１") == nil)
    }

    @Test("MOD 11-2 agrees with the GB 11643 weighted-sum formulation")
    func mod11_2CrossCheck() {
        var generator = DeterministicGenerator(seed: 11)
        for _ in 0..<500 {
            let length = 1 + generator.next(below: 20)
            let digits = (0..<length).map { _ in generator.next(below: 10) }
            let text = digits.map(String.init).joined()
            #expect(ISO7064.mod11_2CheckCharacter(for: text) == Self.weightedSumMod11_2(digits))
        }
    }

    @Test("MOD 37,36 agrees with an independent search-based implementation")
    func mod37_36CrossCheck() {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var generator = DeterministicGenerator(seed: 37)
        for _ in 0..<500 {
            let length = 1 + generator.next(below: 40)
            let text = String((0..<length).map { _ in alphabet[generator.next(below: 36)] })
            #expect(ISO7064.mod37_36CheckCharacter(for: text) == Self.searchMod37_36(text))
        }
    }

    /// GB 11643-1999 form: weights Wi = 2^(i-1) mod 11 counted from the check position (i = 1),
    /// check value a1 with (Σ ai·Wi) ≡ 1 (mod 11).
    private static func weightedSumMod11_2(_ digits: [Int]) -> Character {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var weight = 1
            for _ in 0...offset { weight = weight * 2 % 11 }
            sum += digit * weight
        }
        let check = (12 - sum % 11) % 11
        return check == 10 ? "X" : Character(String(check))
    }

    /// Tries every candidate and keeps the one for which the hybrid-system verification
    /// (ISO/IEC 7064 clause 10: final (P + a) mod M == 1) holds.
    private static func searchMod37_36(_ body: String) -> Character? {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        func verifies(_ values: [Int]) -> Bool {
            var product = 36
            for (index, value) in values.enumerated() {
                var sum = (product + value) % 36
                if sum == 0 { sum = 36 }
                if index == values.count - 1 { return sum % 36 == 1 }
                product = sum * 2 % 37
            }
            return false
        }
        let values = body.compactMap { alphabet.firstIndex(of: $0) }
        let candidates = alphabet.indices.filter { verifies(values + [$0]) }
        guard candidates.count == 1, let only = candidates.first else { return nil }
        return alphabet[only]
    }
}
