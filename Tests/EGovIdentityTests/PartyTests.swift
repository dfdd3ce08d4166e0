import Foundation
import Testing

@testable import EGovIdentity

@Suite("Parties")
struct PartyTests {
    let bir = PartyIdentifier(schemeID: "mo-bir", value: "12345678")

    @Test("a person's description shows neither names nor identifier values")
    func personDescription() {
        let person = Person(
            id: PersonID(test: "p-1"), identifiers: [bir], names: [.zhHantMO: "陳大文", .ptMO: "Chan Tai Man"],
            birthDate: utc(1980, 1, 1))
        let text = String(describing: person)
        #expect(text == "Person(id: p-1, identifiers: 1, names: 2)")
        #expect(!text.contains("陳大文") && !text.contains("Chan") && !text.contains("12345678"))
        #expect(person.identifiers(scheme: "mo-bir") == [bir])
    }

    @Test("an organisation's description shows neither names nor identifier values")
    func organisationDescription() throws {
        let uscc = try PartyIdentifier(UnifiedSocialCreditCodeScheme().validate("91350100M000100Y43"))
        let organisation = Organisation(
            id: OrganisationID(test: "o-1"), kind: .association, identifiers: [uscc],
            names: [.zhHantMO: "澳門測試協會", .ptMO: "Associação de Teste de Macau"],
            registration: RegistrationDetails(registry: "mo-dsi-associations", registrationNumber: "1234"))
        let text = String(describing: organisation)
        #expect(text == "Organisation(id: o-1, kind: association, identifiers: 1, names: 2)")
        #expect(!text.contains("91350100M000100Y43") && !text.contains("協會"))
        #expect(!String(describing: organisation.registration).contains("1234"))
        #expect(uscc.description == "cn-uscc: 91***************3")
    }

    @Test("party references and Codable round trips")
    func referencesAndCoding() throws {
        #expect(PartyReference.person(PersonID(test: "p-1")).description == "person:p-1")
        #expect(PartyReference.organisation(OrganisationID(test: "o-1")).description == "organisation:o-1")
        let person = Person(id: PersonID(test: "p-1"), identifiers: [bir], names: [.en: "Test"])
        let data = try JSONEncoder().encode(person)
        #expect(try JSONDecoder().decode(Person.self, from: data) == person)
    }
}
