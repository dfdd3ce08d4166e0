import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovCertificates

/// Known answers from RFC 9901 (the examples as published in draft-ietf-oauth-selective-disclosure-jwt-20,
/// which became RFC 9901; the example values are code components under the Revised BSD licence).
@Suite("SDJWT RFC 9901 examples")
struct SDJWTRFC9901ExampleTests {
    // MARK: - Section 4.2

    @Test("SDJWT: section 4.2.3 disclosure digest known answer")
    func familyNameDigest() throws {
        let encoded = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"
        let parsed = try Disclosure(parsing: encoded)
        #expect(parsed.digest() == "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0")
        #expect(parsed.salt == "_26bc4LT-ac6q2KI6cBW5es")
        #expect(parsed.claimName == "family_name")
        #expect(parsed.value == .string("Möbius"))
        #expect(parsed.encoded == encoded)
        // Our encoder produces the published text from the same salt, name and value.
        let built = try Disclosure(salt: "_26bc4LT-ac6q2KI6cBW5es", claimName: "family_name", value: .string("Möbius"))
        #expect(built.encoded == encoded)
        #expect(built.digest() == "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0")
    }

    @Test("SDJWT: section 4.2.1 encoding variations parse to the same claim but hash differently")
    func encodingVariations() throws {
        let variations = [
            "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNXHUwMGY2Yml1cyJd",
            "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Yml1cyJd",
            "WwoiXzI2YmM0TFQtYWM2cTJLSTZjQlc1ZXMiLAoiZmFtaWx5X25hbWUiLAoiTcO2Yml1cyIKXQ",
        ]
        var digests: Set<String> = ["X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"]
        for encoded in variations {
            let parsed = try Disclosure(parsing: encoded)
            #expect(parsed.claimName == "family_name")
            #expect(parsed.value == .string("Möbius"))
            #expect(parsed.encoded == encoded)
            digests.insert(parsed.digest())
        }
        #expect(digests.count == 4)
    }

    @Test("SDJWT: section 4.2.2 array element disclosure")
    func arrayElementDisclosure() throws {
        let built = try Disclosure(salt: "lklxF5jMYlGTPUovMNIvCA", claimName: nil, value: .string("FR"))
        #expect(built.encoded == "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0")
        #expect(built.digest() == "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs")
        #expect(built.isArrayElement)
    }

    // MARK: - Section 5.1 disclosures

    struct Published: Sendable, CustomTestStringConvertible {
        let salt: String
        let name: String?
        let value: JSONValue
        let encoded: String
        let digest: String
        var testDescription: String { name ?? "array element" }
    }

    static let section5Disclosures: [Published] = [
        .init(
            salt: "2GLC42sKQveCfGfryNRN9w", name: "given_name", value: .string("John"),
            encoded: "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd",
            digest: "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4"),
        .init(
            salt: "eluV5Og3gSNII8EYnsxA_A", name: "family_name", value: .string("Doe"),
            encoded: "WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd",
            digest: "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo"),
        .init(
            salt: "6Ij7tM-a5iVPGboS5tmvVA", name: "email", value: .string("johndoe@example.com"),
            encoded: "WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgImVtYWlsIiwgImpvaG5kb2VAZXhhbXBsZS5jb20iXQ",
            digest: "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE"),
        .init(
            salt: "eI8ZWm9QnKPpNPeNenHdhQ", name: "phone_number", value: .string("+1-202-555-0101"),
            encoded: "WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgInBob25lX251bWJlciIsICIrMS0yMDItNTU1LTAxMDEiXQ",
            digest: "PorFbpKuVu6xymJagvkFsFXAbRoc2JGlAUA2BA4o7cI"),
        .init(
            salt: "Qg_O64zqAxe412a108iroA", name: "phone_number_verified", value: .bool(true),
            encoded: "WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgInBob25lX251bWJlcl92ZXJpZmllZCIsIHRydWVd",
            digest: "XQ_3kPKt1XyX7KANkqVR6yZ2Va5NrPIvPYbyMvRKBMM"),
        .init(
            salt: "Pc33JM2LchcU_lHggv_ufQ", name: "birthdate", value: .string("1940-01-01"),
            encoded: "WyJQYzMzSk0yTGNoY1VfbEhnZ3ZfdWZRIiwgImJpcnRoZGF0ZSIsICIxOTQwLTAxLTAxIl0",
            digest: "gbOsI4Edq2x2Kw-w5wPEzakob9hV1cRD0ATN3oQL9JM"),
        .init(
            salt: "G02NSrQfjFXQ7Io09syajA", name: "updated_at", value: .number(1_570_000_000),
            encoded: "WyJHMDJOU3JRZmpGWFE3SW8wOXN5YWpBIiwgInVwZGF0ZWRfYXQiLCAxNTcwMDAwMDAwXQ",
            digest: "CrQe7S5kqBAHt-nMYXgc6bdt2SH5aTY1sU_M-PgkjPI"),
        .init(
            salt: "lklxF5jMYlGTPUovMNIvCA", name: nil, value: .string("US"),
            encoded: "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0",
            digest: "pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo"),
        .init(
            salt: "nPuoQnkRFq3BIeAm7AnXFA", name: nil, value: .string("DE"),
            encoded: "WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0",
            digest: "7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0"),
        // Section 6.2 (structured address).
        .init(
            salt: "2GLC42sKQveCfGfryNRN9w", name: "street_address", value: .string("Schulstr. 12"),
            encoded: "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgInN0cmVldF9hZGRyZXNzIiwgIlNjaHVsc3RyLiAxMiJd",
            digest: "9gjVuXtdFROCgRrtNcGUXmF65rdezi_6Er_j76kmYyM"),
        .init(
            salt: "eI8ZWm9QnKPpNPeNenHdhQ", name: "country", value: .string("DE"),
            encoded: "WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgImNvdW50cnkiLCAiREUiXQ",
            digest: "WN9r9dCBJ8HTCsS2jKASxTjEyW5m5x65_Z_2ro2jfXM"),
    ]

    @Test("SDJWT: section 5.1/6.2 disclosures are reproduced byte for byte", arguments: section5Disclosures)
    func publishedDisclosure(_ published: Published) throws {
        let built = try Disclosure(salt: published.salt, claimName: published.name, value: published.value)
        #expect(built.encoded == published.encoded)
        #expect(built.digest() == published.digest)
        let parsed = try Disclosure(parsing: published.encoded)
        #expect(parsed == built)
    }

    static let addressDisclosure =
        "WyJBSngtMDk1VlBycFR0TjRRTU9xUk9BIiwgImFkZHJlc3MiLCB7InN0cmVl"
        + "dF9hZGRyZXNzIjogIjEyMyBNYWluIFN0IiwgImxvY2FsaXR5IjogIkFueXRv"
        + "d24iLCAicmVnaW9uIjogIkFueXN0YXRlIiwgImNvdW50cnkiOiAiVVMifV0"

    static let address: JSONValue = .object([
        "street_address": .string("123 Main St"), "locality": .string("Anytown"),
        "region": .string("Anystate"), "country": .string("US"),
    ])

    @Test("SDJWT: section 5.1 address disclosure (an object value) parses and hashes as published")
    func addressDisclosureDigest() throws {
        let parsed = try Disclosure(parsing: Self.addressDisclosure)
        #expect(parsed.salt == "AJx-095VPrpTtN4QMOqROA")
        #expect(parsed.claimName == "address")
        #expect(parsed.value == Self.address)
        #expect(parsed.encoded == Self.addressDisclosure)
        #expect(parsed.digest() == "XzFrzwscM6Gn6CJDc6vVK8BkMnfG8vOSKfpPIZdAfdE")
        // The RFC's JSON has Python's member order and spacing, which our canonical encoder does
        // not produce: same claim, other text, other digest. The received text is what counts.
        let rebuilt = try Disclosure(salt: parsed.salt, claimName: "address", value: Self.address)
        #expect(rebuilt.encoded != Self.addressDisclosure)
        #expect(rebuilt.digest() != parsed.digest())
    }

    @Test("SDJWT: section 6.3 recursive address disclosure carries the sub-claim digests")
    func recursiveAddressDisclosure() throws {
        let encoded =
            "WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgImFkZHJlc3MiLCB7Il9zZCI6"
            + "IFsiNnZoOWJxLXpTNEdLTV83R3BnZ1ZiWXp6dTZvT0dYcm1OVkdQSFA3NVVk"
            + "MCIsICI5Z2pWdVh0ZEZST0NnUnJ0TmNHVVhtRjY1cmRlemlfNkVyX2o3Nmtt"
            + "WXlNIiwgIktVUkRQaDRaQzE5LTN0aXotRGYzOVY4ZWlkeTFvVjNhM0gxRGEy"
            + "TjBnODgiLCAiV045cjlkQ0JKOEhUQ3NTMmpLQVN4VGpFeVc1bTV4NjVfWl8y"
            + "cm8yamZYTSJdfV0"
        let parsed = try Disclosure(parsing: encoded)
        #expect(parsed.digest() == "HvrKX6fPV0v9K_yCVFBiLFHsMaxcD_114Em6VT8x1lg")
        #expect(
            parsed.value
                == .object([
                    "_sd": .array([
                        .string("6vh9bq-zS4GKM_7GpggVbYzzu6oOGXrmNVGPHP75Ud0"),
                        .string("9gjVuXtdFROCgRrtNcGUXmF65rdezi_6Er_j76kmYyM"),
                        .string("KURDPh4ZC19-3tiz-Df39V8eidy1oV3a3H1Da2N0g88"),
                        .string("WN9r9dCBJ8HTCsS2jKASxTjEyW5m5x65_Z_2ro2jfXM"),
                    ])
                ]))
    }

    // MARK: - Section 5 end to end

    /// Appendix A.5: the issuer's public key for the examples.
    static func exampleIssuerKeys() throws -> JWSKeySet {
        let jwk = JWK(
            kty: "EC", crv: "P-256", x: "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ",
            y: "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8")
        return JWSKeySet([.init(keyID: nil, key: try PublicKey(jwk: jwk).verificationKey(for: .es256))])
    }

    static let issuerSignedJWT = [
        "eyJhbGciOiAiRVMyNTYiLCAidHlwIjogImV4YW1wbGUrc2Qtand0In0.eyJfc2QiOiBb",
        "IkNyUWU3UzVrcUJBSHQtbk1ZWGdjNmJkdDJTSDVhVFkxc1VfTS1QZ2tqUEkiLCAiSnpZ",
        "akg0c3ZsaUgwUjNQeUVNZmVadTZKdDY5dTVxZWhabzdGN0VQWWxTRSIsICJQb3JGYnBL",
        "dVZ1Nnh5bUphZ3ZrRnNGWEFiUm9jMkpHbEFVQTJCQTRvN2NJIiwgIlRHZjRvTGJnd2Q1",
        "SlFhSHlLVlFaVTlVZEdFMHc1cnREc3JaemZVYW9tTG8iLCAiWFFfM2tQS3QxWHlYN0tB",
        "TmtxVlI2eVoyVmE1TnJQSXZQWWJ5TXZSS0JNTSIsICJYekZyendzY002R242Q0pEYzZ2",
        "Vks4QmtNbmZHOHZPU0tmcFBJWmRBZmRFIiwgImdiT3NJNEVkcTJ4Mkt3LXc1d1BFemFr",
        "b2I5aFYxY1JEMEFUTjNvUUw5Sk0iLCAianN1OXlWdWx3UVFsaEZsTV8zSmx6TWFTRnpn",
        "bGhRRzBEcGZheVF3TFVLNCJdLCAiaXNzIjogImh0dHBzOi8vaXNzdWVyLmV4YW1wbGUu",
        "Y29tIiwgImlhdCI6IDE2ODMwMDAwMDAsICJleHAiOiAxODgzMDAwMDAwLCAic3ViIjog",
        "InVzZXJfNDIiLCAibmF0aW9uYWxpdGllcyI6IFt7Ii4uLiI6ICJwRm5kamtaX1ZDem15",
        "VGE2VWpsWm8zZGgta284YUlLUWM5RGxHemhhVllvIn0sIHsiLi4uIjogIjdDZjZKa1B1",
        "ZHJ5M2xjYndIZ2VaOGtoQXYxVTFPU2xlclAwVmtCSnJXWjAifV0sICJfc2RfYWxnIjog",
        "InNoYS0yNTYiLCAiY25mIjogeyJqd2siOiB7Imt0eSI6ICJFQyIsICJjcnYiOiAiUC0y",
        "NTYiLCAieCI6ICJUQ0FFUjE5WnZ1M09IRjRqNFc0dmZTVm9ISVAxSUxpbERsczd2Q2VH",
        "ZW1jIiwgInkiOiAiWnhqaVdXYlpNUUdIVldLVlE0aGJTSWlyc1ZmdWVjQ0U2dDRqVDlG",
        "MkhaUSJ9fX0.zjhXTlVnC9cFuDlL7JuR2TK7DCo0XtlMpbuNVNZJhWOkCPsRHn9oHNQk",
        "I02D6YziRYsapgbA_tV4-0LmAfA53Q",
    ].joined()

    static let holderJWK: JSONValue = .object([
        "kty": .string("EC"), "crv": .string("P-256"),
        "x": .string("TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc"),
        "y": .string("ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"),
    ])

    @Test("SDJWT: the section 5.1 SD-JWT verifies and processes to the input claims set")
    func section5Issuance() throws {
        let text =
            Self.issuerSignedJWT + "~" + Self.section5Disclosures.prefix(9).map(\.encoded).joined(separator: "~")
            + "~" + Self.addressDisclosure + "~"
        let verifier = SDJWTVerifier(issuerKeys: try Self.exampleIssuerKeys(), expectedType: "example+sd-jwt")
        let verified = try verifier.verify(text)
        let expected: [String: JSONValue] = [
            "iss": .string("https://issuer.example.com"), "iat": .number(1_683_000_000),
            "exp": .number(1_883_000_000), "sub": .string("user_42"), "given_name": .string("John"),
            "family_name": .string("Doe"), "email": .string("johndoe@example.com"),
            "phone_number": .string("+1-202-555-0101"), "phone_number_verified": .bool(true),
            "address": Self.address, "birthdate": .string("1940-01-01"), "updated_at": .number(1_570_000_000),
            "nationalities": .array([.string("US"), .string("DE")]), "cnf": .object(["jwk": Self.holderJWK]),
        ]
        #expect(verified.claims == expected)
        #expect(verified.keyBound == false)
        #expect(verified.hashAlgorithm == .sha256)
        #expect(verified.holderKey?.x == "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc")
        #expect(verified.disclosedPaths.count == 10)
    }

    static let section5Presentation = [
        issuerSignedJWT, "~",
        "WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd~",
        addressDisclosure, "~",
        "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd~",
        "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0~",
        "eyJhbGciOiAiRVMyNTYiLCAidHlwIjogImtiK2p3dCJ9.eyJub25jZSI6ICIxMjM0NTY3ODkwIiwgImF1ZCI6ICJodH",
        "RwczovL3ZlcmlmaWVyLmV4YW1wbGUub3JnIiwgImlhdCI6IDE3NDgzNjE5NDEsICJzZF",
        "9oYXNoIjogIjEtTGNmNkNpQm1QNzJKREZ1QkYwYnZhbFMtRnpJbFh5aUNrSlhwN3BKbW",
        "MifQ.4OCivqequv7GMn45GWWEBceEwvByv9wY61HvxbOKY0pOxyto9-HG2coh1D3frjl",
        "1AhF-vDnB1CD0SXL32P-toA",
    ].joined()

    @Test("SDJWT: the section 5.2 SD-JWT+KB verifies with key binding and gives the published payload")
    func section5Presentation() throws {
        let verifier = SDJWTVerifier(
            issuerKeys: try Self.exampleIssuerKeys(), expectedType: "example+sd-jwt",
            keyBinding: .required(
                audience: "https://verifier.example.org", nonce: "1234567890", maximumAge: 300,
                clock: FixedClock(Date(timeIntervalSince1970: 1_748_361_941))))
        let verified = try verifier.verify(Self.section5Presentation)
        let expected: [String: JSONValue] = [
            "iss": .string("https://issuer.example.com"), "iat": .number(1_683_000_000),
            "exp": .number(1_883_000_000), "sub": .string("user_42"), "nationalities": .array([.string("US")]),
            "cnf": .object(["jwk": Self.holderJWK]), "family_name": .string("Doe"), "address": Self.address,
            "given_name": .string("John"),
        ]
        #expect(verified.claims == expected)
        #expect(verified.keyBound)
        let parsed = try SDJWT(parsing: Self.section5Presentation)
        #expect(
            Base64URL.encode(HashAlgorithm.sha256.hash(Array(parsed.sdJWTPart.utf8)))
                == "1-Lcf6CiBmP72JDFuBF0bvalS-FzIlXyiCkJXp7pJmc")
        #expect(parsed.serialized == Self.section5Presentation)
        // The same presentation for another verifier, or with another nonce, is refused.
        let other = SDJWTVerifier(
            issuerKeys: try Self.exampleIssuerKeys(), expectedType: "example+sd-jwt",
            keyBinding: .required(
                audience: "https://other.example.org", nonce: "1234567890", maximumAge: 300,
                clock: FixedClock(Date(timeIntervalSince1970: 1_748_361_941))))
        #expect(throws: SDJWTError.keyBindingAudienceMismatch) { try other.verify(Self.section5Presentation) }
    }
}
