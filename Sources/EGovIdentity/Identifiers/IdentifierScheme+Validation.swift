import Foundation

extension IdentifierScheme {
    /// The shared shape of `validate`: refuse over-long input before anything else, normalise,
    /// then apply the scheme's own checks to the normalised value.
    func validateNormalized(
        _ raw: String, checkCharacterVerified: Bool = true, _ check: (String) -> IdentifierValidationFailure?
    ) -> IdentifierValidation {
        guard raw.utf8.count <= maximumInputLength else {
            return validation("", .tooLong(maximum: maximumInputLength), checkCharacterVerified: checkCharacterVerified)
        }
        let normalized = normalize(raw)
        return validation(normalized, check(normalized), checkCharacterVerified: checkCharacterVerified)
    }

    /// The result for `normalized` with `failure`, masked for display.
    func validation(
        _ normalized: String, _ failure: IdentifierValidationFailure?, checkCharacterVerified: Bool = true
    ) -> IdentifierValidation {
        IdentifierValidation(
            schemeID: id, normalized: normalized, masked: mask(normalized), failure: failure,
            checkCharacterVerified: checkCharacterVerified)
    }
}
