/// A path to a claim in an SD-JWT's claims: object member names and array positions, e.g.
/// `["address", "street_address"]` or `["nationalities", 0]`.
///
/// Array positions count the elements of the array as issued (undisclosed elements included).
/// ``Component/allElements`` stands for every element of an array.
public struct ClaimPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path.
    public enum Component: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// An object member.
        case key(String)
        /// An array element by position (from zero).
        case index(Int)
        /// Every element of an array.
        case allElements

        /// A member name from a string literal.
        public init(stringLiteral value: String) { self = .key(value) }

        /// An array position from an integer literal.
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// The steps, from the top-level claim down.
    public var components: [Component]

    /// Longest accepted path (the nesting limit of SD-JWTs).
    public static let maximumLength = SDJWT.maximumDepth

    /// Creates a path from its steps.
    public init(_ components: [Component]) { self.components = components }

    /// Creates a path from an array literal of steps.
    public init(arrayLiteral elements: Component...) { self.components = elements }

    /// Parses a dotted path as a command line would give it: `address.street_address`,
    /// `nationalities.0`, `nationalities.*` (every element).
    ///
    /// Segments of ASCII digits are array positions, `*` is every element, anything else is a
    /// member name. Member names that contain `.`, are all digits or are `*` cannot be written
    /// this way; build the path from ``Component`` values instead.
    ///
    /// - Throws: ``SDJWTError/invalidClaimPath(_:)`` for an empty path or segment, a position
    ///   with leading zeros or too large, or a path longer than ``maximumLength``.
    public init(parsing dotted: String) throws(SDJWTError) {
        guard !dotted.isEmpty else { throw .invalidClaimPath("empty") }
        let segments = dotted.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count <= Self.maximumLength else {
            throw .invalidClaimPath("longer than \(Self.maximumLength) segments")
        }
        var components: [Component] = []
        for segment in segments {
            guard !segment.isEmpty else { throw .invalidClaimPath("empty segment") }
            if segment == "*" {
                components.append(.allElements)
            } else if segment.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                guard segment == "0" || !segment.hasPrefix("0") else {
                    throw .invalidClaimPath("array position with leading zeros")
                }
                guard let index = Int(segment), index < 1 << 20 else {
                    throw .invalidClaimPath("array position too large")
                }
                components.append(.index(index))
            } else {
                components.append(.key(String(segment)))
            }
        }
        self.components = components
    }

    /// The path with one more step.
    public func appending(_ component: Component) -> ClaimPath { ClaimPath(components + [component]) }

    /// Whether `other` (a concrete path, without ``Component/allElements``) is this path, where
    /// ``Component/allElements`` in this path matches any position.
    public func matches(_ other: ClaimPath) -> Bool {
        guard components.count == other.components.count else { return false }
        for (mine, theirs) in zip(components, other.components) {
            switch (mine, theirs) {
            case (.allElements, .index), (.allElements, .allElements): continue
            default: if mine != theirs { return false }
            }
        }
        return true
    }

    /// Whether this path starts with `prefix` (with the same matching as ``matches(_:)``, the
    /// prefix's ``Component/allElements`` matching any position).
    public func hasPrefix(_ prefix: ClaimPath) -> Bool {
        guard prefix.components.count <= components.count else { return false }
        return prefix.matches(ClaimPath(Array(components.prefix(prefix.components.count))))
    }

    /// The dotted form (`address.street_address`, `nationalities.0`, `nationalities.*`).
    public var description: String {
        components.map { component -> String in
            switch component {
            case .key(let name): name
            case .index(let index): String(index)
            case .allElements: "*"
            }
        }.joined(separator: ".")
    }
}
