/// Which claims an ``SDJWTIssuer`` makes selectively disclosable.
///
/// - An object property by its path: `["address", "street_address"]` hides `street_address`
///   inside a clear `address` (a structured SD-JWT, RFC 9901 section 6.2).
/// - An array element by position, `["nationalities", 0]`, or every element with
///   ``disclosingAllElements(of:)`` (section 4.2.2).
/// - Recursive disclosures (section 4.2.6): list both a claim and claims beneath it, e.g.
///   `["address"]` and `["address", "street_address"]`, or use ``disclosingRecursively(_:)`` to
///   make a claim and everything beneath it disclosable.
///
/// Every path must name something in the claims at issuance, or issuance fails
/// (``SDJWTError/pathNotFound(_:)``): a typo never silently leaves a claim in the clear.
public struct DisclosurePlan: Sendable, Hashable {
    /// Paths of claims that are selectively disclosable (``ClaimPath/Component/allElements``
    /// stands for every element of an array).
    public var paths: Set<ClaimPath>
    /// Paths under which every member and element, at every depth, is also disclosable (the path
    /// itself included).
    public var recursivePaths: Set<ClaimPath>

    /// Creates a plan.
    public init(_ paths: [ClaimPath] = [], recursive recursivePaths: [ClaimPath] = []) {
        self.paths = Set(paths)
        self.recursivePaths = Set(recursivePaths)
    }

    /// A plan that discloses nothing selectively: every claim is in the clear.
    public static let none = DisclosurePlan()

    /// This plan with `path` selectively disclosable as well.
    public func disclosing(_ path: ClaimPath) -> DisclosurePlan {
        var copy = self
        copy.paths.insert(path)
        return copy
    }

    /// This plan with every element of the array at `path` selectively disclosable.
    public func disclosingAllElements(of path: ClaimPath) -> DisclosurePlan {
        disclosing(path.appending(.allElements))
    }

    /// This plan with `path` and every member and element beneath it selectively disclosable.
    public func disclosingRecursively(_ path: ClaimPath) -> DisclosurePlan {
        var copy = self
        copy.recursivePaths.insert(path)
        return copy
    }

    /// The plan entries that make the concrete `path` disclosable (empty if none).
    func entries(matching path: ClaimPath) -> [ClaimPath] {
        var result = paths.filter { $0.matches(path) }.map { $0 }
        result += recursivePaths.filter { path.hasPrefix($0) }
        return result
    }

    /// Every entry of the plan.
    var allEntries: Set<ClaimPath> { paths.union(recursivePaths) }
}
