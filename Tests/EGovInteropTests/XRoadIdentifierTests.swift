import EGovInterop
import Foundation
import Testing

@Suite("X-Road identifiers")
struct XRoadIdentifierTests {
    @Test(
        "valid client IDs round-trip through the header form",
        arguments: ["MO/GOV/DSAJ/crcbm", "MO/GOV/DSAJ", "EE/COM/12345-6/sub.system", "MO/GOV/A'(b)+,=c/x"])
    func validClients(text: String) throws {
        let id = try XRoadClientID(parsing: text)
        #expect(id.headerValue == text)
        #expect(try XRoadClientID(parsing: id.headerValue) == id)
    }

    @Test("percent-encoding per part: ? is encoded, %2F never becomes a separator")
    func percentEncoding() throws {
        let id = try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "Q?", subsystem: "s")
        #expect(id.headerValue == "MO/GOV/Q%3F/s")
        #expect(try XRoadClientID(parsing: "MO/GOV/Q%3F/s") == id)
        #expect(try XRoadClientID(parsing: "%4DO/GOV/DSAJ").instance.rawValue == "MO")
        #expect(throws: XRoadIdentifierError.invalidCharacter("member code")) {
            try XRoadClientID(parsing: "MO/GOV/A%2FB")
        }
    }

    @Test(
        "invalid client IDs are rejected with the part named",
        arguments: [
            ("MO/GOV", XRoadIdentifierError.wrongPartCount(expected: "INSTANCE/CLASS/CODE[/SUBSYSTEM]", found: 2)),
            ("MO/GOV/DSAJ/a/b", .wrongPartCount(expected: "INSTANCE/CLASS/CODE[/SUBSYSTEM]", found: 5)),
            ("MO//DSAJ", .emptyPart("member class")),
            ("MO/GOV/DS AJ", .invalidCharacter("member code")),
            ("MO/GOV/DSAJ/sub/", .wrongPartCount(expected: "INSTANCE/CLASS/CODE[/SUBSYSTEM]", found: 5)),
            ("MO/GOV/澳門", .invalidCharacter("member code")),
            ("MO/GOV/%E6%BE%B3", .invalidCharacter("member code")),
            ("MO/GOV/%zz", .invalidPercentEncoding("member code")),
            ("MO/GOV/%4", .invalidPercentEncoding("member code")),
            ("MO/GOV/%FF", .invalidPercentEncoding("member code")),
            ("MO/GOV/..", .dotSegment("member code")),
            ("MO/GOV/a;b", .invalidCharacter("member code")),
        ])
    func invalidClients(text: String, expected: XRoadIdentifierError) {
        #expect(throws: expected) { try XRoadClientID(parsing: text) }
    }

    @Test("part length limit and overall limit")
    func limits() {
        let long = String(repeating: "a", count: XRoadCode.maximumLength + 1)
        #expect(throws: XRoadIdentifierError.partTooLong("member code", limit: 255)) {
            try XRoadClientID(parsing: "MO/GOV/" + long)
        }
        #expect(throws: XRoadIdentifierError.tooLong(limit: 1024)) {
            try XRoadClientID(parsing: String(repeating: "a/", count: 600))
        }
        #expect(throws: XRoadIdentifierError.tooLong(limit: 2000)) {
            try XRoadServiceID(path: "/r1/" + String(repeating: "a", count: 2001))
        }
    }

    @Test("service IDs: text, path, version segment")
    func services() throws {
        let service = try XRoadServiceID(
            instance: "MO", memberClass: "GOV", memberCode: "DSAJ", subsystem: "crcbm", serviceCode: "companyRecord",
            serviceVersion: "v1")
        #expect(service.text == "MO/GOV/DSAJ/crcbm/companyRecord/v1")
        #expect(service.path == "/r1/MO/GOV/DSAJ/crcbm/companyRecord/v1")
        #expect(try XRoadServiceID(path: service.path) == service)
        #expect(try XRoadServiceID(parsing: service.text) == service)
        #expect(try XRoadServiceID(path: "/r1/MO/GOV/DSAJ/crcbm/svc%3F").serviceCode.rawValue == "svc?")
        let unversioned = try XRoadServiceID(path: "/r1/MO/GOV/DSAJ/crcbm/get.Record")
        #expect(unversioned.serviceVersion == nil)
        #expect(unversioned.serviceCode.rawValue == "get.Record")
        let data = try JSONEncoder().encode(service)
        #expect(try JSONDecoder().decode(XRoadServiceID.self, from: data) == service)
    }

    @Test(
        "invalid service paths",
        arguments: [
            ("/r2/MO/GOV/DSAJ/crcbm/svc", XRoadIdentifierError.unsupportedProtocolVersion),
            ("MO/GOV/DSAJ/crcbm/svc", .unsupportedProtocolVersion),
            ("/r1/MO/GOV/DSAJ/svc", .wrongPartCount(expected: "INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]", found: 4)),
            ("/r1/MO/GOV/DSAJ/crcbm/svc/v1/extra", .wrongPartCount(expected: "INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]", found: 7)),
            ("/r1/MO/GOV/DSAJ/crcbm/svc?x=1", .invalidCharacter("service path (no query or fragment allowed)")),
            ("/r1/MO/GOV/DSAJ/crcbm/svc#frag", .invalidCharacter("service path (no query or fragment allowed)")),
            ("/r1/MO/GOV/DSAJ/crcbm/../svc", .dotSegment("service code")),
            ("/r1/MO/GOV/DSAJ/crcbm/svc/", .emptyPart("service version")),
        ])
    func invalidPaths(path: String, expected: XRoadIdentifierError) {
        #expect(throws: expected) { try XRoadServiceID(path: path) }
    }

    @Test("a dot-segment service part is refused even where the part count fits")
    func dotSegmentService() {
        #expect(throws: XRoadIdentifierError.dotSegment("service code")) {
            try XRoadServiceID(path: "/r1/MO/GOV/DSAJ/crcbm/..")
        }
    }

    @Test("a service needs a provider subsystem")
    func serviceNeedsSubsystem() throws {
        let member = try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "DSAJ")
        #expect(throws: XRoadIdentifierError.emptyPart("provider subsystem code")) {
            try XRoadServiceID(provider: member, serviceCode: try XRoadCode("svc"))
        }
    }
}
