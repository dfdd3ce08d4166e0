import EGovCore
import Foundation

/// A kind of identifier (identity card number, company code, passport MRZ, …) that EGovKit can
/// normalize, validate and mask.
///
/// Schemes are stateless `Sendable` values registered by ``id`` in an
/// ``IdentifierSchemeRegistry``. Each scheme documents, per its specification:
/// - which characters ``normalize(_:)`` removes (only separators that the scheme's *written form*
///   actually contains, such as the brackets around a Hong Kong check digit),
/// - that lowercase and full-width (U+FF01…U+FF5E) characters are **rejected**, not folded: a
///   validator must not silently turn `１１０１…` or a lowercase check letter into a valid value,
/// - its maximum accepted input length (longer input is refused before any other processing).
///
/// Identifier values are personal data: they never appear in errors, descriptions or logs. Use
/// ``mask(_:)`` (or ``IdentifierValidation/masked``) for display.
public protocol IdentifierScheme: Sendable {
    /// The stable scheme identifier, e.g. `cn-rid`: lowercase ASCII letters, digits and hyphens.
    var id: String { get }

    /// The longest raw input, in UTF-8 bytes, that ``validate(_:at:)`` will look at.
    var maximumInputLength: Int { get }

    /// Returns the canonical written form of `raw`: surrounding whitespace trimmed and the
    /// scheme's own separators removed. It never changes letter case or folds full-width
    /// characters, so an invalid input stays invalid.
    func normalize(_ raw: String) -> String

    /// Validates `raw` against the scheme.
    ///
    /// - Parameters:
    ///   - raw: The identifier as entered or read.
    ///   - date: The instant at which the identifier is judged, for schemes that contain dates
    ///     (a birth date must not lie after it). `nil` skips checks relative to "now"; EGovKit
    ///     never reads the system clock on its own.
    func validate(_ raw: String, at date: Date?) -> IdentifierValidation

    /// Returns a display form of an already normalized value that hides most of it.
    func mask(_ normalized: String) -> String
}

extension IdentifierScheme {
    /// Trims surrounding ASCII whitespace; schemes with separators of their own replace this.
    public func normalize(_ raw: String) -> String {
        IdentifierText.trimASCIIWhitespace(raw)
    }

    /// Validates `raw` without any check relative to the current date.
    public func validate(_ raw: String) -> IdentifierValidation {
        validate(raw, at: nil)
    }

    /// Keeps the first two and the last character and replaces the rest with `*`.
    public func mask(_ normalized: String) -> String {
        IdentifierMask.mask(normalized, keepingFirst: 2, last: 1)
    }
}
