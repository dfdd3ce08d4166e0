import EGovCore
import Testing

@testable import EGovCrypto

@Suite("JWK optional members must have their JSON type; null is refused")
struct JWKStrictMemberTests {
    static let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"

    static func jwk(_ extra: String) -> String {
        #"{"kty":"OKP","crv":"Ed25519","x":"\#(x)"\#(extra)}"#
    }

    @Test("the base key parses")
    func baseKeyParses() throws {
        _ = try JWK(jsonString: Self.jwk(""))
    }

    @Test(
        "null or wrongly typed alg, use, key_ops, kid, crv are refused with malformedJWK",
        arguments: [
            #","alg":null"#, #","use":null"#, #","key_ops":null"#, #","kid":null"#, #","kid":5"#, #","alg":256"#,
            #","use":["sig"]"#, #","key_ops":"verify""#, #","key_ops":[1]"#, #","kid":{"a":1}"#, #","d":null"#,
            #","y":null"#,
        ])
    func lenientMembersAreRefused(_ extra: String) {
        do {
            _ = try JWK(jsonString: Self.jwk(extra))
            Issue.record("accepted \(extra)")
        } catch {
            guard case .malformedJWK = error else {
                Issue.record("\(extra): \(error.code)")
                return
            }
        }
    }
}
