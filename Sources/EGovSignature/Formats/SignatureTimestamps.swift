import EGovCore
import EGovCrypto
import Foundation

/// Where EGovKit puts signature time-stamps, and how it reads them back.
///
/// - JWS (JSON serialisation): in the signature's unprotected header, as a JAdES signature
///   time-stamp (ETSI TS 119 182-1 clause 5.3.4):
///   `"etsiU": [{"sigTst": {"tstTokens": [{"val": "<base64 DER TimeStampToken>"}]}}]`. The
///   token's imprint is the digest of the base64url-encoded JWS Signature Value (its ASCII
///   characters, exactly as in the JWS), for the compact and the JSON serialisation alike.
/// - CMS: the `id-aa-signatureTimeStampToken` unsigned attribute (CAdES baseline T), over the
///   SignerInfo's signature value.
///
/// The format adapters only read the tokens; ``SignatureValidator`` decides whether each comes
/// from a trusted time-stamping authority.
enum SignatureTimestamps {
    /// CAdES signature-time-stamp attribute OID.
    static let cadesAttributeOID = "1.2.840.113549.1.9.16.2.14"

    /// The JAdES-style unprotected header carrying `tokens`.
    static func etsiU(_ tokens: [TimeStampToken]) -> [String: JSONValue] {
        let values = tokens.map { JSONValue.object(["val": .string(Data($0.derRepresentation).base64EncodedString())]) }
        return ["etsiU": .array([.object(["sigTst": .object(["tstTokens": .array(values)])])])]
    }

    /// The data a JAdES `sigTst` time-stamp covers (its message imprint is this data's digest):
    /// the base64url-encoded JWS Signature Value (ETSI TS 119 182-1 clause 5.3.4).
    static func jadesImprintInput(signatureValue: [UInt8]) -> [UInt8] {
        Array(Base64URL.encode(signatureValue).utf8)
    }

    /// The DER tokens of the `sigTst` components in a JAdES unprotected header, and what is
    /// malformed in it.
    ///
    /// `etsiU` must be an array whose elements are all clear JSON objects or all base64url-encoded
    /// JSON objects (ETSI TS 119 182-1 clause 5.3.1), each with exactly one member. A `sigTst`
    /// must hold a non-empty `tstTokens` array of objects whose `val` is strict base64. Members
    /// other than `sigTst` are not signature time-stamps and are left alone.
    static func tokens(inUnprotected header: [String: JSONValue]) -> (tokens: [[UInt8]], problems: [String]) {
        guard let etsiU = header["etsiU"] else { return ([], []) }
        guard case .array(let entries) = etsiU else { return ([], ["etsiU is not an array"]) }
        var tokens: [[UInt8]] = []
        var problems: [String] = []
        var encodedForms = Set<Bool>()
        for (index, entry) in entries.enumerated() {
            let component: [String: JSONValue]
            switch entry {
            case .object(let object):
                encodedForms.insert(false)
                component = object
            case .string(let text):
                encodedForms.insert(true)
                guard let bytes = try? Base64URL.decode(text), case .object(let object)? = try? JSONValue.parse(bytes)
                else {
                    problems.append("etsiU element \(index + 1) is not a base64url-encoded JSON object")
                    continue
                }
                component = object
            default:
                problems.append("etsiU element \(index + 1) is not a JSON object")
                continue
            }
            guard component.count == 1 else {
                problems.append("etsiU element \(index + 1) does not have exactly one member")
                continue
            }
            guard let sigTst = component["sigTst"] else { continue }  // not a signature time-stamp
            guard case .object(let container) = sigTst, case .array(let items)? = container["tstTokens"],
                !items.isEmpty
            else {
                problems.append("sigTst in etsiU element \(index + 1) has no tstTokens array of tokens")
                continue
            }
            for item in items {
                guard case .object(let token) = item, case .string(let value)? = token["val"],
                    let der = try? Base64.decode(value)
                else {
                    problems.append("a sigTst token in etsiU element \(index + 1) is not base64 DER")
                    continue
                }
                tokens.append(der)
            }
        }
        if encodedForms.count > 1 {
            problems.append("etsiU mixes clear and base64url-encoded elements")
        }
        return (tokens, problems)
    }
}
