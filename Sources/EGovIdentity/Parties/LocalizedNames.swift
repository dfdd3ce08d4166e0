import EGovCore

/// Names of a party in several languages (`zh-Hant-MO`, `pt-MO`, `en`, …).
///
/// Names are personal data: never log or print them.
public typealias LocalizedNames = LocalizedText
