import EGovCore

/// A template text parsed once, when its ``NotificationTemplate`` is created, with every
/// placeholder resolved to the index of its declaration, so that rendering neither parses nor
/// looks names up.
struct CompiledText: Sendable {
    /// One piece of a compiled text.
    enum Segment: Sendable {
        /// Text shown as is.
        case literal(String)
        /// `((name))`: the value of the placeholder declared at this index.
        case value(Int)
        /// `((name??text))`: `text` when the boolean placeholder at this index is `true`.
        case conditional(Int, String)
    }

    /// The segments, in text order.
    let segments: [Segment]
    /// The UTF-8 bytes of all literal and conditional text: a lower bound for the rendered size.
    let literalBytes: Int

    /// Compiles parsed tokens; a name that is not declared is dropped (it renders as nothing).
    init(tokens: [TemplateParser.Token], index: (String) -> Int?) {
        var segments: [Segment] = []
        segments.reserveCapacity(tokens.count)
        var literalBytes = 0
        for token in tokens {
            switch token {
            case .literal(let text):
                segments.append(.literal(text))
                literalBytes += text.utf8.count
            case .placeholder(let name):
                if let position = index(name) { segments.append(.value(position)) }
            case .conditional(let name, let shown):
                if let position = index(name) { segments.append(.conditional(position, shown)) }
                literalBytes += shown.utf8.count
            }
        }
        self.segments = segments
        self.literalBytes = literalBytes
    }
}

/// The compiled texts of one ``ChannelVariant``, keyed by locale.
struct CompiledVariant: Sendable {
    /// The body per locale.
    var body: [LanguageTag: CompiledText] = [:]
    /// The subject per locale (empty if the variant has none).
    var subject: [LanguageTag: CompiledText] = [:]
}
