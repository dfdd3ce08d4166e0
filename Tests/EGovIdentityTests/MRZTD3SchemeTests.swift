import Testing

@testable import EGovIdentity

@Suite("mrz-td3: ICAO 9303 passport machine readable zone")
struct MRZTD3SchemeTests {
    let scheme = MRZTD3Scheme()
    static let line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    static let line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    static let specimen = line1 + "\n" + line2

    @Test("the ICAO 9303 Part 4 specimen parses field by field")
    func specimenFields() throws {
        let zone = try scheme.parse(Self.specimen)
        #expect(zone.documentCode == "P")
        #expect(zone.issuingState == "UTO")
        #expect(zone.primaryIdentifier == "ERIKSSON")
        #expect(zone.secondaryIdentifier == "ANNA MARIA")
        #expect(zone.documentNumber == "L898902C3")
        #expect(zone.nationality == "UTO")
        #expect(zone.birthDate == "740812")
        #expect(zone.sex == .female)
        #expect(zone.expiryDate == "120415")
        #expect(zone.optionalData == "ZE184226B")
        #expect(zone.description == "MachineReadableZone(P, issuer: UTO)")
    }

    @Test("the specimen validates, also with CR LF and surrounding whitespace")
    func specimenValidates() {
        let result = scheme.validate(Self.specimen)
        #expect(result.isValid)
        #expect(result.masked == "P<UTO********")
        #expect(!result.description.contains("ERIKSSON"))
        #expect(scheme.validate("  " + Self.line1 + "\r\n" + Self.line2 + "\n").isValid)
    }

    @Test("check digit computation of each specimen field")
    func checkDigits() {
        #expect(MachineReadableZone.checkDigit(for: "L898902C3") == "6")
        #expect(MachineReadableZone.checkDigit(for: "740812") == "2")
        #expect(MachineReadableZone.checkDigit(for: "120415") == "9")
        #expect(MachineReadableZone.checkDigit(for: "ZE184226B<<<<<") == "1")
    }

    @Test(
        "altering any check digit is detected",
        arguments: [
            (9, "documentNumber"), (19, "birthDate"), (27, "expiryDate"), (42, "optionalData"), (43, "composite"),
        ])
    func alteredCheckDigit(_ position: Int, _ field: String) {
        var characters = Array(Self.line2)
        let original = characters[position].wholeNumberValue ?? 0
        characters[position] = Character(String((original + 1) % 10))
        let result = scheme.validate(Self.line1 + "\n" + String(characters))
        #expect(result.failure == .invalidFieldCheckCharacter(field: field))
    }

    @Test("altering a data character breaks its field check")
    func alteredData() {
        let line2 = "L898902C46UTO7408122F1204159ZE184226B<<<<<10"
        #expect(
            scheme.validate(Self.line1 + "\n" + line2).failure == .invalidFieldCheckCharacter(field: "documentNumber"))
        #expect(throws: IdentityError.self) { try scheme.parse(Self.line1 + "\n" + line2) }
    }

    @Test("empty optional data may have a filler or zero check digit")
    func emptyOptionalData() throws {
        let filler = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8"
        let zero = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<08"
        #expect(try scheme.parse(Self.line1 + "\n" + filler).optionalData.isEmpty)
        #expect(scheme.validate(Self.line1 + "\n" + zero).isValid)
    }

    @Test("impossible dates")
    func badDate() {
        let line2 = "L898902C36UTO7413128F1204159ZE184226B<<<<<10"
        #expect(scheme.validate(Self.line1 + "\n" + line2).failure == .invalidDate)
    }

    @Test("structure: document code, line count and length")
    func structure() {
        let visa = "V" + Self.line1.dropFirst()
        #expect(scheme.validate(visa + "\n" + Self.line2).failure == .invalidCategory)
        #expect(scheme.validate(Self.line1 + Self.line2).failure == .invalidFormat)
        #expect(scheme.validate(Self.line1 + "\n" + Self.line2.dropLast()).failure == .wrongLength)
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate(String(repeating: "<", count: 129)).failure == .tooLong(maximum: 128))
    }

    @Test("lowercase and full-width characters are rejected")
    func invalidCharacters() {
        #expect(scheme.validate(Self.specimen.lowercased()).failure == .invalidCharacter(position: 1))
        let fullWidthLine2 = fullWidth(Self.line2)
        // The full-width form is three UTF-8 bytes a character: over the input limit.
        #expect(scheme.validate(Self.line1 + "\n" + fullWidthLine2).failure == .tooLong(maximum: 128))
        let oneFullWidth = Self.line1 + "\n" + "Ｌ" + Self.line2.dropFirst()
        #expect(scheme.validate(oneFullWidth).failure == .invalidCharacter(position: 46))
    }
}
