/// A concrete `RandomNumberGenerator` around an injected existential one, so that it can be
/// passed where a generic generator is expected.
struct RandomSource: RandomNumberGenerator, Sendable {
    var base: any RandomNumberGenerator & Sendable

    init(_ base: any RandomNumberGenerator & Sendable) { self.base = base }

    mutating func next() -> UInt64 { base.next() }
}
