import EGovCore

/// The rules a ``NotificationTemplate`` is validated against.
public struct TemplatePolicy: Sendable, Hashable {
    /// Locales every variant must have text in. Default: `zh-Hant` and `pt`, Macau's official languages.
    public var requiredLocales: [LanguageTag]
    /// The largest accepted text (one subject or body in one locale), in UTF-8 bytes. Default 64 KiB.
    public var maximumTextBytes: Int
    /// The most placeholders a template may declare. Default 64.
    public var maximumPlaceholders: Int

    /// Creates a policy.
    public init(
        requiredLocales: [LanguageTag] = [.zhHant, .pt], maximumTextBytes: Int = 64 * 1024,
        maximumPlaceholders: Int = 64
    ) {
        self.requiredLocales = requiredLocales
        self.maximumTextBytes = maximumTextBytes
        self.maximumPlaceholders = maximumPlaceholders
    }

    /// The default policy, also used when decoding.
    public static let `default` = TemplatePolicy()
}
