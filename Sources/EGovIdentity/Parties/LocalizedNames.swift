/// Names of a party in several languages, keyed by BCP 47 language tag (`zh-Hant-MO`, `pt-MO`,
/// `en`, …).
///
/// A deliberate placeholder: EGovCore's `LocalizedText` will replace this alias. Keep every use
/// of the dictionary representation in this module behind this alias so the swap stays a
/// one-line change. Names are personal data: never log or print them.
public typealias LocalizedNames = [String: String]
