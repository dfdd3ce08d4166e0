import EGovCore
import EGovCrypto

/// RFC 9901 section 7.1 step 3: replaces embedded digests by the disclosed claims, strictly.
struct DisclosureProcessor {
    private let disclosures: [Disclosure]
    private let byDigest: [String: Int]
    private var seenDigests: Set<String> = []
    private(set) var used: Set<Int> = []
    private(set) var disclosedPaths: [ClaimPath] = []

    init(disclosures: [Disclosure], hash: HashAlgorithm) throws(SDJWTError) {
        self.disclosures = disclosures
        self.byDigest = try Disclosure.indexByDigest(disclosures, hash: hash)
    }

    /// Whether every disclosure was referenced (section 7.1 step 5).
    var allDisclosuresUsed: Bool { used.count == disclosures.count }

    /// Processes the top-level payload; the result has no `_sd` and no `_sd_alg`.
    mutating func processPayload(_ payload: [String: JSONValue]) throws(SDJWTError) -> [String: JSONValue] {
        try processObject(payload, path: ClaimPath([]), depth: 1, topLevel: true)
    }

    private mutating func process(_ value: JSONValue, path: ClaimPath, depth: Int) throws(SDJWTError) -> JSONValue {
        switch value {
        case .object(let members): .object(try processObject(members, path: path, depth: depth, topLevel: false))
        case .array(let elements): .array(try processArray(elements, path: path, depth: depth))
        default: value
        }
    }

    private mutating func processObject(
        _ members: [String: JSONValue], path: ClaimPath, depth: Int, topLevel: Bool
    ) throws(SDJWTError) -> [String: JSONValue] {
        guard depth <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
        if !topLevel, members["_sd_alg"] != nil { throw .misplacedHashAlgorithmClaim }
        // `...` is only meaningful as the single member of an array element (section 4.2.4.2).
        if members["..."] != nil { throw .invalidArrayElementDigest }
        var output: [String: JSONValue] = [:]
        for (name, value) in members where name != "_sd" && !(topLevel && name == "_sd_alg") {
            output[name] = try process(value, path: path.appending(.key(name)), depth: depth + 1)
        }
        guard let sd = members["_sd"] else { return output }
        guard case .array(let items) = sd else { throw .invalidDigestArray }
        for item in items {
            guard case .string(let digest) = item else { throw .invalidDigestArray }
            guard seenDigests.insert(digest).inserted else { throw .duplicateDigest }
            // A digest without a disclosure is undisclosed or a decoy: ignored (step 3.3.1).
            guard let index = byDigest[digest] else { continue }
            let disclosure = disclosures[index]
            guard let name = disclosure.claimName else { throw .disclosureKindMismatch }
            if topLevel, name == "_sd_alg" { throw .reservedClaimName }
            guard members[name] == nil, output[name] == nil else { throw .claimNameClash }
            used.insert(index)
            let childPath = path.appending(.key(name))
            disclosedPaths.append(childPath)
            output[name] = try process(disclosure.value, path: childPath, depth: depth + 1)
        }
        return output
    }

    private mutating func processArray(
        _ elements: [JSONValue], path: ClaimPath, depth: Int
    ) throws(SDJWTError) -> [JSONValue] {
        guard depth <= SDJWT.maximumDepth else { throw .tooDeep(limit: SDJWT.maximumDepth) }
        var output: [JSONValue] = []
        for (position, element) in elements.enumerated() {
            let childPath = path.appending(.index(position))
            guard case .object(let members) = element, let placeholder = members["..."] else {
                output.append(try process(element, path: childPath, depth: depth + 1))
                continue
            }
            guard members.count == 1, case .string(let digest) = placeholder else {
                throw .invalidArrayElementDigest
            }
            guard seenDigests.insert(digest).inserted else { throw .duplicateDigest }
            // Without a disclosure the element is removed (step 3.4).
            guard let index = byDigest[digest] else { continue }
            let disclosure = disclosures[index]
            guard disclosure.claimName == nil else { throw .disclosureKindMismatch }
            used.insert(index)
            disclosedPaths.append(childPath)
            output.append(try process(disclosure.value, path: childPath, depth: depth + 1))
        }
        return output
    }
}
