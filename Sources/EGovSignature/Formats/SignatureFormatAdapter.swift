import EGovCrypto

/// Reads one signature container format: recognises it, and extracts what each signature in it
/// claims and proves, before any trust or policy decision.
///
/// ``SignatureValidator/validate(document:detached:at:)`` asks its adapters in order and uses the
/// first that detects the document; nothing else looks at the bytes to guess the format. An
/// adapter checks structure and cryptography only (digest, signature value, signed reference to
/// the certificate). Time-stamp tokens are handed over as found
/// (``SignatureEvidence/timestamps``): whether a trusted authority issued them is decided by the
/// validator, as is everything about chains, levels and the policy.
///
/// EGovKit ships ``CMSFormatAdapter``, ``JWSJSONFormatAdapter`` and ``JWSCompactFormatAdapter``.
public protocol SignatureFormatAdapter: Sendable {
    /// The format this adapter reads, recorded in every result.
    var format: SignatureFormat { get }

    /// Whether `document` is in this adapter's format, judged from its framing only (it may still
    /// turn out malformed, which extraction reports as a format failure).
    func detects(_ document: [UInt8]) -> Bool

    /// The evidence of every signature in `document`.
    ///
    /// Never fails: a malformed document yields one signature whose check is a format failure.
    ///
    /// - Parameters:
    ///   - document: the signature container, as detected by ``detects(_:)``.
    ///   - detached: the signed data when the signature is detached (ignored when attached).
    ///   - sm2ID: the SM2 distinguishing ID for SM2 signature values.
    func evidence(in document: [UInt8], detached: [UInt8]?, sm2ID: SM2DistinguishingID) -> DocumentEvidence
}

/// What a format adapter extracted from one signed document.
public struct DocumentEvidence: Sendable {
    /// The container format.
    public var format: SignatureFormat
    /// Each signature's evidence, in document order.
    public var signatures: [SignatureEvidence]
    /// The signed content when the container carries it (attached JWS payload, encapsulated CMS
    /// content). Use it only when the report on ``signatures`` is TOTAL_PASSED.
    public var content: [UInt8]?

    /// Creates document evidence.
    public init(format: SignatureFormat, signatures: [SignatureEvidence], content: [UInt8]? = nil) {
        self.format = format
        self.signatures = signatures
        self.content = content
    }

    /// A document that does not conform to `format`: one signature with a format failure.
    public static func formatFailure(_ format: SignatureFormat, _ reason: String) -> DocumentEvidence {
        DocumentEvidence(
            format: format,
            signatures: [
                SignatureEvidence(
                    format: format, identifier: "signature-1", algorithm: nil, check: .formatFailure(reason),
                    signingCertificate: nil)
            ])
    }
}

/// Byte-level framing shared by the adapters' detection.
enum SignatureBytes {
    /// `bytes` without leading and trailing ASCII white space (space, tab, CR, LF).
    static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return bytes[start...end]
    }

    /// Whether `byte` is in the base64url alphabet (RFC 4648 section 5, no padding).
    static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
