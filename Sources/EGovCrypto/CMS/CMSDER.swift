import COpenSSL

/// Internal: the small amount of DER reading and writing the CMS code does itself (assembling
/// SignedData and SignerInfo, splicing a SignerInfo into an existing SignedData). Parsing of
/// untrusted input is left to OpenSSL; this reader only walks DER that OpenSSL has produced or
/// accepted, and still refuses anything it does not understand.
enum CMSDER {
    /// One element: its tag byte, the whole encoding and the content octets.
    struct Element {
        let tag: UInt8
        let encoded: ArraySlice<UInt8>
        let content: ArraySlice<UInt8>
    }

    /// Splits `bytes` into consecutive DER elements (low-tag-number form, definite lengths only).
    static func elements(_ bytes: ArraySlice<UInt8>) throws(CMSError) -> [Element] {
        try split(bytes) { offset throws(CMSError) in try element(bytes, at: offset, minimal: true) }
    }

    /// Reads consecutive elements of `bytes` with `next` (the element starting at an offset).
    private static func split(
        _ bytes: ArraySlice<UInt8>, _ next: (Int) throws(CMSError) -> Element
    ) throws(CMSError) -> [Element] {
        var output: [Element] = []
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let element = try next(offset)
            output.append(element)
            offset = element.encoded.endIndex
        }
        return output
    }

    /// The element at `offset` of `bytes` (low-tag-number form, definite length; minimal when
    /// `minimal`, as DER requires).
    private static func element(_ bytes: ArraySlice<UInt8>, at offset: Int, minimal: Bool) throws(CMSError)
        -> Element
    {
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { throw .malformedDER("high tag numbers are not expected") }
        var cursor = offset + 1
        guard cursor < bytes.endIndex else { throw .malformedDER("missing length") }
        let first = bytes[cursor]
        cursor += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4 else { throw .malformedDER("unsupported length form") }
            guard bytes.endIndex - cursor >= count else { throw .malformedDER("truncated length") }
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[cursor])
                cursor += 1
            }
            guard !minimal || (length >= 0x80 && length >> ((count - 1) * 8) != 0) else {
                throw .malformedDER("non-minimal length")
            }
        }
        guard length <= bytes.endIndex - cursor else { throw .malformedDER("truncated content") }
        let end = cursor + length
        return Element(tag: tag, encoded: bytes[offset..<end], content: bytes[cursor..<end])
    }

    /// The signedAttrs `[0]` of each SignerInfo of a ContentInfo holding SignedData, as encoded
    /// in `bytes` (`nil` for a SignerInfo without), in encoding order. The structures around them
    /// may use BER (indefinite lengths); the caller checks that each one is DER.
    static func signedAttributesEncodings(_ bytes: [UInt8]) throws(CMSError) -> [ArraySlice<UInt8>?] {
        let contentInfo = try berChildren(bytes[...], depth: 0)
        guard contentInfo.count == 1, contentInfo[0].tag == 0x30 else { throw .malformedDER("ContentInfo") }
        let parts = try berChildren(contentInfo[0].content, depth: 1)
        guard parts.count == 2, parts[1].tag == 0xA0 else { throw .malformedDER("ContentInfo fields") }
        let explicit = try berChildren(parts[1].content, depth: 2)
        guard explicit.count == 1, explicit[0].tag == 0x30 else { throw .malformedDER("SignedData") }
        guard let infos = try berChildren(explicit[0].content, depth: 3).last, infos.tag == 0x31 else {
            throw .malformedDER("SignerInfos")
        }
        return try berChildren(infos.content, depth: 4).map { info throws(CMSError) -> ArraySlice<UInt8>? in
            guard info.tag == 0x30 else { throw .malformedDER("SignerInfo") }
            let fields = try berChildren(info.content, depth: 5)
            guard fields.count > 3, fields[3].tag == 0xA0 else { return nil }
            return fields[3].encoded
        }
    }

    /// The elements of BER `bytes` (definite or, for constructed elements, indefinite lengths;
    /// low tag numbers only). For an indefinite-length element, `content` excludes the
    /// end-of-contents octets.
    private static func berChildren(_ bytes: ArraySlice<UInt8>, depth: Int) throws(CMSError) -> [Element] {
        try split(bytes) { offset throws(CMSError) in try berElement(bytes, at: offset, depth: depth) }
    }

    /// The BER element at `offset` of `bytes`.
    private static func berElement(_ bytes: ArraySlice<UInt8>, at offset: Int, depth: Int) throws(CMSError) -> Element
    {
        guard depth < 32 else { throw .malformedDER("nesting too deep") }
        guard offset + 1 < bytes.endIndex else { throw .malformedDER("truncated element") }
        let tag = bytes[offset]
        guard bytes[offset + 1] == 0x80 else { return try element(bytes, at: offset, minimal: false) }
        guard tag & 0x20 != 0, tag & 0x1F != 0x1F else { throw .malformedDER("indefinite length") }
        var cursor = offset + 2
        while true {
            guard cursor + 1 < bytes.endIndex else { throw .malformedDER("missing end-of-contents") }
            if bytes[cursor] == 0, bytes[cursor + 1] == 0 { break }
            cursor = try berElement(bytes, at: cursor, depth: depth + 1).encoded.endIndex
        }
        return Element(tag: tag, encoded: bytes[offset..<(cursor + 2)], content: bytes[(offset + 2)..<cursor])
    }

    /// The single element that makes up `bytes`.
    static func single(_ bytes: ArraySlice<UInt8>, tag: UInt8, what: String) throws(CMSError) -> Element {
        let all = try elements(bytes)
        guard all.count == 1, let only = all.first, only.tag == tag else {
            throw .malformedDER("\(what) is not a single element with the expected tag")
        }
        return only
    }

    /// A TLV with a definite, minimal length.
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            output.append(UInt8(length))
        } else {
            var lengthBytes: [UInt8] = []
            var remaining = length
            while remaining > 0 {
                lengthBytes.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            output.append(0x80 | UInt8(lengthBytes.count))
            output.append(contentsOf: lengthBytes)
        }
        output.append(contentsOf: content)
        return output
    }

    /// A SEQUENCE of already-encoded elements.
    static func sequence(_ elements: [[UInt8]]) -> [UInt8] { tlv(0x30, elements.flatMap { $0 }) }

    /// A DER SET OF (`tag` 0x31, or an implicit context tag): elements sorted by their encodings
    /// (X.690 section 11.6); duplicates are removed.
    static func setOf(_ elements: [[UInt8]], tag: UInt8 = 0x31) -> [UInt8] {
        var unique: [[UInt8]] = []
        for element in elements where !unique.contains(element) { unique.append(element) }
        return tlv(tag, sorted(unique).flatMap { $0 })
    }

    /// Encodings in DER SET OF order (shorter encodings padded with zero octets compare first).
    static func sorted(_ elements: [[UInt8]]) -> [[UInt8]] {
        elements.sorted { lhs, rhs in
            let count = max(lhs.count, rhs.count)
            for index in 0..<count {
                let a = index < lhs.count ? lhs[index] : 0
                let b = index < rhs.count ? rhs[index] : 0
                if a != b { return a < b }
            }
            return lhs.count < rhs.count
        }
    }

    /// An OCTET STRING.
    static func octetString(_ bytes: [UInt8]) -> [UInt8] { tlv(0x04, bytes) }

    /// A small non-negative INTEGER.
    static func integer(_ value: Int) -> [UInt8] {
        var magnitude: [UInt8] = []
        var remaining = value
        repeat {
            magnitude.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        } while remaining > 0
        if let first = magnitude.first, first & 0x80 != 0 { magnitude.insert(0, at: 0) }
        return tlv(0x02, magnitude)
    }

    /// The DER of an OBJECT IDENTIFIER in dotted form.
    static func oid(_ dotted: String) throws(CMSError) -> [UInt8] {
        do { return try X509Support.encodedOID(dotted) } catch { throw CMSError.from(error) }
    }

    /// An AlgorithmIdentifier with optional, already-encoded parameters.
    static func algorithm(_ oid: String, parameters: [UInt8]? = nil) throws(CMSError) -> [UInt8] {
        sequence([try Self.oid(oid)] + (parameters.map { [$0] } ?? []))
    }

    /// The DER of a certificate's issuer Name.
    static func issuerNameDER(_ certificate: Certificate) throws(CMSError) -> [UInt8] {
        do {
            return try OpenSSL.i2d("i2d_X509_NAME") {
                i2d_X509_NAME(X509_get_issuer_name(certificate.handle.pointer), $0)
            }
        } catch { throw CMSError.from(error) }
    }

    /// The DER INTEGER of a certificate's serial number.
    static func serialDER(_ certificate: Certificate) throws(CMSError) -> [UInt8] {
        do {
            return try OpenSSL.i2d("i2d_ASN1_INTEGER") {
                i2d_ASN1_INTEGER(X509_get0_serialNumber(certificate.handle.pointer), $0)
            }
        } catch { throw CMSError.from(error) }
    }
}
