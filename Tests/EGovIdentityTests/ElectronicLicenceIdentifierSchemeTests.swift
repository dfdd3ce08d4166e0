import Testing

@testable import EGovIdentity

@Suite("cn-elicense: GB/T 36904-2018 electronic licence identifier")
struct ElectronicLicenceIdentifierSchemeTests {
    let scheme = ElectronicLicenceIdentifierScheme()

    // Identifiers published in public code and documentation of the national integrated
    // government-service platform; their MOD 37,36 check characters were recomputed.
    @Test(
        "published identifiers validate",
        arguments: [
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S",
            "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U",
            "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0",
            "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F",
        ])
    func publishedIdentifiers(_ identifier: String) {
        #expect(scheme.validate(identifier).isValid)
    }

    @Test("the check covers type code, issuer, serial and version without dots")
    func checkComputation() {
        let check = ElectronicLicenceIdentifierScheme.checkCharacter(
            typeCode: "11100000000013338W011", issuerCode: "11430000006122244L", serial: "20230000403", version: "002")
        #expect(check == "S")
        #expect(ISO7064.mod37_36CheckCharacter(for: "11100000000013338W01111430000006122244L20230000403002") == "S")
    }

    @Test("masking keeps only the OID arc and the check character")
    func masking() {
        let result = scheme.validate("1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F")
        #expect(result.masked.hasPrefix("1.2.156.3005.2.*"))
        #expect(result.masked.hasSuffix("*F"))
        #expect(!result.masked.contains("2430599"))
    }

    @Test("wrong check character")
    func wrongCheck() {
        let value = "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.G"
        #expect(scheme.validate(value).failure == .invalidCheckCharacter)
    }

    @Test("structure errors")
    func structure() {
        let base = "11100000000013338W032.11220000013544541J.2430599"
        #expect(scheme.validate("1.2.156.3005.3." + base + ".001.F").failure == .invalidCategory)
        #expect(scheme.validate("1.2.156.3005.2." + base + ".01.F").failure == .invalidFormat)
        #expect(scheme.validate("1.2.156.3005.2." + base + ".001").failure == .invalidFormat)
        #expect(
            scheme.validate("1.2.156.3005.2.11100000000013338W32.11220000013544541J.2430599.001.F").failure
                == .invalidFormat)
        #expect(scheme.validate("1.2.156.3005.2." + base + "..001.F").failure == .invalidFormat)
    }

    @Test("lowercase, full-width and other characters are rejected")
    func invalidCharacters() {
        let value = "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F"
        #expect(scheme.validate(value.lowercased()).failure == .invalidCharacter(position: 33))
        #expect(scheme.validate(fullWidth(value)).failure == .tooLong(maximum: 160))
        #expect(scheme.validate("１.2.156.3005.2.X.Y.1.001.F").failure == .invalidCharacter(position: 1))
        #expect(
            scheme.validate("1.2.156.3005.2.11100000000013338W032.1122-0000.2430599.001.F").failure
                == .invalidCharacter(position: 42))
    }

    @Test("empty and over-long input")
    func lengths() {
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate(String(repeating: "1", count: 161)).failure == .tooLong(maximum: 160))
    }
}
