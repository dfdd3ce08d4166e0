import EGovCore
import Foundation

/// `cn-elicense`: the identifier of an electronic licence or certificate (电子证照标识),
/// GB/T 36904-2018 "Electronic certificate — Identifier specification".
///
/// **What is validated, and why.** The text of GB/T 36904-2018 was not available to the search
/// performed for this implementation; what is known publicly is that the identifier's check
/// character follows "ISO/IEC 7064 MOD 37,36" as adopted in GB/T 17710-2008 (e.g. the CSDN
/// summary of the standard, wenku.csdn.net/doc/4ium7ims6x). The structure below is inferred
/// from identifiers published by the national integrated government-service platform
/// (全国一体化政务服务平台) and its users in public code, e.g.
/// `1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S`. It was
/// confirmed by recomputing the check character of four such published identifiers (see
/// `ElectronicLicenceIdentifierSchemeTests`):
///
/// `1.2.156.3005.2` `.` type code `.` issuer code `.` serial `.` version `.` check
///
/// - `1.2.156.3005.2`: the fixed OID arc under which the identifiers are issued;
/// - type code (证照类型代码): 21 characters — the 18-character unified social credit code of
///   the department that defines the licence type, then a 3-digit sequence number;
/// - issuer code (发证机构代码): 1–18 characters `0`–`9` `A`–`Z`, normally the issuing
///   authority's 18-character unified social credit code;
/// - serial (证照编号 / sequence): 1–64 characters `0`–`9` `A`–`Z`;
/// - version: three digits (`001` for a first issue);
/// - check: one character `0`–`9` `A`–`Z`, the MOD 37,36 check character computed over the
///   type code, issuer code, serial and version concatenated **without** the dots (the OID arc
///   is not included).
///
/// The embedded credit codes are not re-validated: some published type codes are built on
/// codes of central bodies that predate the final standard. Normalization only trims
/// surrounding ASCII whitespace; lowercase letters and full-width characters are rejected.
public struct ElectronicLicenceIdentifierScheme: IdentifierScheme {
    /// `cn-elicense`.
    public let id = "cn-elicense"
    /// 160 bytes.
    public let maximumInputLength = 160

    /// The fixed OID arc that starts every identifier.
    public static let oidPrefix = "1.2.156.3005.2"

    /// Creates the scheme.
    public init() {}

    /// Validates the OID arc, the segment structure and the MOD 37,36 check character.
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        validateNormalized(raw) { failure(of: $0) }
    }

    /// Keeps the OID arc and the check character and hides the segments in between.
    public func mask(_ normalized: String) -> String {
        let prefix = Self.oidPrefix + "."
        guard normalized.hasPrefix(prefix), normalized.count > prefix.count + 2 else {
            return IdentifierMask.mask(normalized, keepingFirst: 0, last: 0)
        }
        let rest = String(normalized.dropFirst(prefix.count))
        return prefix + IdentifierMask.mask(rest, keepingFirst: 0, last: 1)
    }

    /// The check character for the type code, issuer code, serial and version, or `nil` if a
    /// segment contains a character outside `0`–`9` `A`–`Z`.
    public static func checkCharacter(typeCode: String, issuerCode: String, serial: String, version: String)
        -> Character?
    {
        ISO7064.mod37_36CheckCharacter(for: typeCode + issuerCode + serial + version)
    }

    private func failure(of normalized: String) -> IdentifierValidationFailure? {
        let characters = Array(normalized)
        guard !characters.isEmpty else { return .empty }
        if let bad = characters.firstIndex(where: {
            !(IdentifierText.isDigit($0) || IdentifierText.isUppercaseLetter($0) || $0 == ".")
        }) {
            return .invalidCharacter(position: bad + 1)
        }
        let prefix = Self.oidPrefix + "."
        guard normalized.hasPrefix(prefix) else { return .invalidCategory }
        let segments = normalized.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 5 else { return .invalidFormat }
        let typeCode = segments[0]
        let issuer = segments[1]
        let serial = segments[2]
        let version = segments[3]
        let check = segments[4]
        guard typeCode.count == 21, typeCode.suffix(3).allSatisfy(IdentifierText.isDigit),
            (1...18).contains(issuer.count), (1...64).contains(serial.count),
            version.count == 3, version.allSatisfy(IdentifierText.isDigit), check.count == 1
        else { return .invalidFormat }
        let expected = Self.checkCharacter(
            typeCode: String(typeCode), issuerCode: String(issuer), serial: String(serial), version: String(version))
        guard expected == check.first else { return .invalidCheckCharacter }
        return nil
    }

}
