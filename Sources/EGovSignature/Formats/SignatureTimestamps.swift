import EGovCore
import EGovCrypto
import Foundation

/// Where EGovKit puts signature time-stamps, and how it reads them back.
///
/// - JWS (JSON serialisation): in the signature's unprotected header, JAdES-style (ETSI TS
///   119 182-1): `"etsiU": [{"sigTst": {"tstTokens": [{"val": "<base64 DER TimeStampToken>"}]}}]`.
///   The token's imprint is the digest of the signature value bytes (the decoded JWS signature),
///   like CAdES; this is EGovKit's reading, documented in Documentation/Signatures.md.
/// - CMS: the `id-aa-signatureTimeStampToken` unsigned attribute (CAdES baseline T), over the
///   SignerInfo's signature value.
enum SignatureTimestamps {
    /// CAdES signature-time-stamp attribute OID.
    static let cadesAttributeOID = "1.2.840.113549.1.9.16.2.14"

    /// The JAdES-style unprotected header carrying `tokens`.
    static func etsiU(_ tokens: [TimeStampToken]) -> [String: JSONValue] {
        let values = tokens.map { JSONValue.object(["val": .string(Data($0.derRepresentation).base64EncodedString())]) }
        return ["etsiU": .array([.object(["sigTst": .object(["tstTokens": .array(values)])])])]
    }

    /// The DER tokens in a JAdES-style unprotected header (malformed entries are reported).
    static func tokens(inUnprotected header: [String: JSONValue]) -> (tokens: [[UInt8]], problems: [String]) {
        guard let etsiU = header["etsiU"] else { return ([], []) }
        guard case .array(let entries) = etsiU else { return ([], ["etsiU is not an array"]) }
        var tokens: [[UInt8]] = []
        var problems: [String] = []
        for entry in entries {
            guard case .object(let object) = entry, case .object(let sigTst)? = object["sigTst"],
                case .array(let items)? = sigTst["tstTokens"]
            else {
                continue  // other etsiU members are not time-stamps
            }
            for item in items {
                guard case .object(let token) = item, case .string(let value)? = token["val"],
                    let der = Data(base64Encoded: value)
                else {
                    problems.append("a sigTst token is not base64 DER")
                    continue
                }
                tokens.append(Array(der))
            }
        }
        return (tokens, problems)
    }

    /// Checks DER tokens over `signatureValue` against the validator's time-stamping services.
    ///
    /// The TSA certificate is validated at `validationTime` with the validator's CRLs (current
    /// revocation data describes the present). Only if it has expired since is it validated at the
    /// token's generation time instead, without CRLs (which would postdate that time).
    /// `intermediates` (the certificates shipped with the signature) help build the TSA's chain
    /// when the token does not embed its issuing CA.
    static func proofs(
        for tokens: [[UInt8]], signatureValue: [UInt8], validator: SignatureValidator, at validationTime: Date,
        intermediates: [Certificate] = []
    ) -> [SignatureEvidence.TimeProof] {
        tokens.map { der in
            let token: TimeStampToken
            do { token = try TimeStampToken(derRepresentation: der) } catch {
                return .init(
                    time: .distantPast, authority: "?",
                    problem: "unreadable time-stamp token: \((error as? any EGovError)?.reason ?? "malformed")")
            }
            let authority = token.tsaCertificate?.subject.description ?? "unknown TSA"
            guard let hash = token.hashAlgorithm else {
                return .init(time: token.generationTime, authority: authority, problem: "unsupported imprint algorithm")
            }
            let digest = hash.hash(signatureValue)
            var result = token.verify(
                digest: digest, hashAlgorithm: hash, trustAnchors: validator.timestampAnchors(at: validationTime),
                intermediates: intermediates, crls: validator.crls, at: validationTime,
                validator: validator.chainValidator)
            if result.failure == .tsaCertificateRejected(.expired) {
                result = token.verify(
                    digest: digest, hashAlgorithm: hash,
                    trustAnchors: validator.timestampAnchors(at: token.generationTime),
                    intermediates: intermediates, at: token.generationTime, validator: validator.chainValidator)
            }
            return .init(time: token.generationTime, authority: authority, problem: result.failure?.reason)
        }
    }
}
