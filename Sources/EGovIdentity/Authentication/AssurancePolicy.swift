import EGovCore
import Foundation

/// Maps authentication events to an assurance level, and decides allow or step-up.
///
/// The policy is data: a list of ``Rule``s (a set of methods that together reach a level),
/// the maximum age of a session at each level, and the face-match threshold. A level holds at a
/// given time if some rule for it (or for a higher level) is satisfied by events younger than that
/// level's maximum age. ``default`` is documented in Documentation/Identity.md.
public struct AssurancePolicy: Sendable, Hashable, Codable {
    /// A combination of methods that together reach `level`.
    public struct Rule: Sendable, Hashable, Codable {
        /// The level reached.
        public var level: AssuranceLevel
        /// Every one of these methods must have succeeded.
        public var methods: Set<AuthenticationMethod>

        /// Creates a rule.
        public init(_ level: AssuranceLevel, _ methods: Set<AuthenticationMethod>) {
            self.level = level
            self.methods = methods
        }
    }

    /// The rules.
    public var rules: [Rule]
    /// How long an authentication keeps each level, in seconds.
    public var maximumAge: [AssuranceLevel: TimeInterval]
    /// Lowest provider score at which a face match counts.
    public var minimumFaceMatchScore: Double
    /// Events stamped this far in the future still count (clock skew between services).
    public var allowedClockSkew: TimeInterval

    /// Creates a policy.
    public init(
        rules: [Rule], maximumAge: [AssuranceLevel: TimeInterval], minimumFaceMatchScore: Double = 0.9,
        allowedClockSkew: TimeInterval = 60
    ) {
        self.rules = rules
        self.maximumAge = maximumAge
        self.minimumFaceMatchScore = minimumFaceMatchScore
        self.allowedClockSkew = allowedClockSkew
    }

    /// The documented default, following eIDAS 2015/1502 section 2.2.1 and NIST SP 800-63B:
    ///
    /// - **low**: any single method.
    /// - **substantial**: a password together with a possession factor (SMS code, TOTP, software
    ///   certificate), or a face match (with liveness) together with a possession factor.
    /// - **high**: a certificate whose key is on a smart card or secure element (the card's PIN is
    ///   the second factor), or an in-person identity check at a counter, or a face match together
    ///   with such a certificate.
    ///
    /// Maximum ages: low 8 hours, substantial 1 hour, high 15 minutes.
    public static let `default` = AssurancePolicy(
        rules: [
            Rule(.low, [.password]), Rule(.low, [.smsOneTimeCode]), Rule(.low, [.totp]),
            Rule(.low, [.faceMatch]), Rule(.low, [.softwareCertificate]),
            Rule(.substantial, [.password, .smsOneTimeCode]), Rule(.substantial, [.password, .totp]),
            Rule(.substantial, [.password, .softwareCertificate]),
            Rule(.substantial, [.faceMatch, .smsOneTimeCode]), Rule(.substantial, [.faceMatch, .totp]),
            Rule(.high, [.hardwareCertificate]), Rule(.high, [.inPersonCounter]),
            Rule(.high, [.faceMatch, .hardwareCertificate]),
        ],
        maximumAge: [.low: 8 * 3600, .substantial: 3600, .high: 15 * 60]
    )

    /// Whether `event` counts at all at `time` (not in the future, face match above threshold).
    func counts(_ event: AuthenticationEvent, at time: Date) -> Bool {
        guard event.time.timeIntervalSince(time) <= allowedClockSkew else { return false }
        if event.method == .faceMatch {
            guard event.livenessChecked == true, let score = event.matchScore, score >= minimumFaceMatchScore else {
                return false
            }
        }
        return true
    }

    /// The highest level `events` establish at `time`, or `nil` if none.
    ///
    /// A rule reaching a level also establishes every lower level, each judged with that lower
    /// level's own maximum age (a smart-card login 20 minutes ago is no longer `high` but still
    /// `substantial`).
    public func level(of events: [AuthenticationEvent], at time: Date) -> AssuranceLevel? {
        for level in AssuranceLevel.allCases.reversed() where holds(level, events: events, at: time) {
            return level
        }
        return nil
    }

    /// Whether some rule at `level` or above is satisfied by events fresh for `level`.
    private func holds(_ level: AssuranceLevel, events: [AuthenticationEvent], at time: Date) -> Bool {
        let fresh = freshMethods(events, for: level, at: time)
        return rules.contains { $0.level >= level && $0.methods.isSubset(of: fresh) }
    }

    /// The methods of events that count and are younger than `level`'s maximum age.
    private func freshMethods(_ events: [AuthenticationEvent], for level: AssuranceLevel, at time: Date)
        -> Set<AuthenticationMethod>
    {
        guard let age = maximumAge[level] else { return [] }
        return Set(events.filter { counts($0, at: time) && time.timeIntervalSince($0.time) <= age }.map(\.method))
    }

    /// The methods actually used for the level reached (for the `amr` claim), sorted.
    public func methods(of events: [AuthenticationEvent], at time: Date) -> [AuthenticationMethod] {
        Array(Set(events.filter { counts($0, at: time) }.map(\.method))).sorted()
    }

    /// Decides whether `events` suffice for a service requiring `required` at `time`.
    public func decide(_ events: [AuthenticationEvent], required: AssuranceLevel, at time: Date) -> AccessDecision {
        let current = level(of: events, at: time)
        if let current, current >= required { return .allow(level: current) }
        // Step-up: for each rule reaching the required level or above, what is still missing
        // among fresh events; offer the smallest additions first.
        let fresh = freshMethods(events, for: required, at: time)
        // Each missing set, with the lowest level a rule needing it reaches: sets that reach just
        // the required level come before ones that overshoot (a counter visit for a web login).
        var lowestLevel: [Set<AuthenticationMethod>: AssuranceLevel] = [:]
        for rule in rules where rule.level >= required {
            let missing = rule.methods.subtracting(fresh)
            guard !missing.isEmpty else { continue }
            lowestLevel[missing] = min(lowestLevel[missing] ?? rule.level, rule.level)
        }
        func key(_ set: Set<AuthenticationMethod>) -> (Int, Int, String) {
            let overshoot = AssuranceLevel.allCases.firstIndex(of: lowestLevel[set] ?? required) ?? 0
            return (set.count, overshoot, set.sorted().map(\.rawValue).joined(separator: "+"))
        }
        let options = lowestLevel.keys.sorted { key($0) < key($1) }
        return .stepUp(required: required, current: current, options: options.map { $0.sorted() })
    }
}

/// The outcome of checking a session against a service's required level.
public enum AccessDecision: Sendable, Hashable {
    /// The session is at or above the required level.
    case allow(level: AssuranceLevel)
    /// More authentication is needed; `options` lists method sets that would each suffice,
    /// fewest methods first, then those reaching just the required level. `current` is `nil` when no level holds any more (e.g. the session expired).
    case stepUp(required: AssuranceLevel, current: AssuranceLevel?, options: [[AuthenticationMethod]])

    /// Whether access is allowed.
    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }
}
