import EGovCore
import EGovCrypto

/// Published JOSE examples (keys and serialisations) used by the JWS tests.
enum JOSEVectors {
    // MARK: RFC 7515 appendix A

    /// The JWS payload of RFC 7515 appendices A.2–A.7 (base64url).
    static let rfc7515PayloadSegment =
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"

    /// RFC 7515 appendix A.2: the RS256 signature.
    static let rfc7515RS256Signature =
        "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw"

    /// RFC 7515 appendix A.3: the ES256 signature.
    static let rfc7515ES256Signature =
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"

    /// RFC 7515 appendix A.2: the RSA public key.
    static func rfc7515RSAKey() throws -> any VerificationKey {
        let jwk = JWK(
            kty: "RSA",
            n:
                "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS"
                + "-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2"
                + "CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9"
                + "gb54h4FRWyuXpoQ",
            e: "AQAB")
        return try PublicKey(jwk: jwk).verificationKey(for: .rs256)
    }

    /// RFC 7515 appendix A.3: the P-256 public key.
    static func rfc7515ECKey() throws -> any VerificationKey {
        let jwk = JWK(
            kty: "EC", crv: "P-256", x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")
        return try PublicKey(jwk: jwk).verificationKey(for: .es256)
    }

    /// RFC 7515 appendix A.6.4: the general JWS JSON serialisation (RS256 and ES256).
    static let rfc7515AppendixA6 = """
        {"payload":
          "\(rfc7515PayloadSegment)",
         "signatures":[
          {"protected":"eyJhbGciOiJSUzI1NiJ9",
           "header":
            {"kid":"2010-12-29"},
           "signature":
            "\(rfc7515RS256Signature)"},
          {"protected":"eyJhbGciOiJFUzI1NiJ9",
           "header":
            {"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"},
           "signature":
            "\(rfc7515ES256Signature)"}]
        }
        """

    /// RFC 7515 appendix A.7: the flattened JWS JSON serialisation (ES256).
    static let rfc7515AppendixA7 = """
        {
         "payload":
          "\(rfc7515PayloadSegment)",
         "protected":"eyJhbGciOiJFUzI1NiJ9",
         "header":
          {"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"},
         "signature":
          "\(rfc7515ES256Signature)"
        }
        """

    /// RFC 7515 appendix A.1: the HMAC key (RFC 7797 section 4 signs with it).
    static let rfc7515HMACKey =
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"

    // MARK: RFC 7520 (JOSE cookbook)

    /// RFC 7520 section 4 (Figure 7): the payload.
    static let rfc7520Payload = Array(
        ("It\u{2019}s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't "
            + "keep your feet, there\u{2019}s no knowing where you might be swept off to.").utf8)

    /// RFC 7520 section 4 (Figure 8): the payload, base64url-encoded.
    static let rfc7520PayloadSegment =
        "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5k"
        + "IGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"

    /// RFC 7520 section 4.1.2 (Figure 11): the encoded protected header.
    static let rfc7520RS256Protected = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9"

    /// RFC 7520 section 4.1.2 (Figure 12): the RS256 signature.
    static let rfc7520RS256Signature =
        "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA"
        + "78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0e"
        + "PPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjb"
        + "U5y18kDquDg"

    /// RFC 7520 section 3.4 (Figure 4): the RSA private key `bilbo.baggins@hobbiton.example`.
    static let rfc7520RSAPrivateJWK = JWK(
        kty: "RSA",
        d:
            "bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRld"
            + "Y7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1"
            + "BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxx"
            + "jVOcOpBrQzwQ",
        n:
            "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqV"
            + "wGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJ"
            + "lsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQ"
            + "kqgc5gHdrNP5zw",
        e: "AQAB",
        p:
            "3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmG"
            + "peNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k",
        q:
            "uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7an"
            + "V5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc",
        dp:
            "B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn"
            + "-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik",
        dq:
            "CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJK"
            + "bi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8",
        qi:
            "3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDh"
            + "jJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4",
        kid: "bilbo.baggins@hobbiton.example")
}
