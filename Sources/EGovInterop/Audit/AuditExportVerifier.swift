import EGovCore
import EGovCrypto
import Foundation

/// Verifies an exported audit log (``AuditExport``) offline, with the department's public key.
///
/// What is checked, in file order:
/// - the header: format, version and an accepted hash algorithm (otherwise the export is not
///   read at all: ``AuditExportError``);
/// - every entry: a well-formed line within the size limits, the sequence number equal to its
///   position, the link to the previous entry's hash, and the recomputed hash
///   (`AuditChain/verify(_:hashFunction:expectedHead:expectedCount:)`);
/// - every checkpoint: its signature with the key (algorithm bound to the key, `typ` required),
///   that the line carries exactly the signed payload, that its `count` equals the number of
///   entries before it, that its `head` is the hash of the last of those entries, and that counts
///   never go backwards;
/// - that no checkpoint line repeats the one before it (same line or same count: refused with
///   ``AuditExportError/repeatedCheckpoint(line:)``);
/// - that at least one checkpoint covers the entries, when there are any;
/// - optionally, an independently known count and head.
///
/// The result names the **first** invalid entry: the first entry whose hash chain fails, or,
/// when a checkpoint fails, the first entry that no verified checkpoint covers (an insertion,
/// removal or rewrite lies somewhere after the last checkpoint that verified, so nothing from
/// there on is vouched for), whichever comes first.
///
/// The export is read line by line (``reader(expectedCount:expectedHead:)``), so verifying
/// needs memory for one line, not for the whole export.
///
/// ## Honest limits
///
/// Entries after the last checkpoint are hash-chained but unsigned: removing them, or rewriting
/// them with recomputed hashes, is only detectable when the verifier is given the expected count
/// or head (kept elsewhere, e.g. published checkpoints). Removing a whole tail together with the
/// checkpoints in it looks like an older export. Entries covered by a verified checkpoint cannot
/// be edited, removed, inserted or reordered without detection.
public struct AuditExportVerifier: Sendable {
    /// Size limits applied while reading an export.
    public struct Limits: Sendable, Hashable {
        /// The longest accepted line, in bytes (default 64 KiB).
        public var maximumLineBytes: Int
        /// The largest accepted export, in bytes (default 256 MiB).
        public var maximumTotalBytes: Int
        /// The most entries accepted (default 10 million).
        public var maximumEntries: Int

        /// Creates limits.
        public init(
            maximumLineBytes: Int = 64 << 10, maximumTotalBytes: Int = 256 << 20, maximumEntries: Int = 10_000_000
        ) {
            self.maximumLineBytes = maximumLineBytes
            self.maximumTotalBytes = maximumTotalBytes
            self.maximumEntries = maximumEntries
        }

        /// The default limits.
        public static let `default` = Limits()
    }

    fileprivate enum Keys: Sendable {
        case single(any VerificationKey)
        case set(JWSKeySet)
    }

    fileprivate let keys: Keys
    /// The limits.
    public let limits: Limits
    /// The hash algorithms accepted for the chain.
    public let hashAlgorithms: [HashAlgorithm]

    /// Creates a verifier that accepts checkpoints signed by `key` (whatever their `kid`).
    public init(
        key: any VerificationKey, limits: Limits = .default,
        hashAlgorithms: [HashAlgorithm] = [.sha256, .sha384, .sha512, .sm3]
    ) {
        self.keys = .single(key)
        self.limits = limits
        self.hashAlgorithms = hashAlgorithms
    }

    /// Creates a verifier for a log whose checkpoint key was rotated: each checkpoint is verified
    /// with the key of `keySet` that its `kid` names.
    public init(
        keySet: JWSKeySet, limits: Limits = .default,
        hashAlgorithms: [HashAlgorithm] = [.sha256, .sha384, .sha512, .sm3]
    ) {
        self.keys = .set(keySet)
        self.limits = limits
        self.hashAlgorithms = hashAlgorithms
    }

    /// Verifies an export held in memory (see ``reader(expectedCount:expectedHead:)`` to verify
    /// one read in chunks).
    ///
    /// - Parameters:
    ///   - bytes: the JSON Lines export.
    ///   - expectedCount: the number of entries the log must have, if known independently.
    ///   - expectedHead: the hash the last entry must have, if known independently.
    /// - Throws: ``AuditExportError`` when the export cannot be read at all (size, header, a
    ///   repeated checkpoint).
    public func verify(
        _ bytes: some Collection<UInt8>, expectedCount: Int? = nil, expectedHead: String? = nil
    ) throws(AuditExportError) -> AuditExportVerification {
        guard bytes.count <= limits.maximumTotalBytes else { throw .tooLarge(limit: limits.maximumTotalBytes) }
        var reader = reader(expectedCount: expectedCount, expectedHead: expectedHead)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let end = bytes.index(index, offsetBy: 64 << 10, limitedBy: bytes.endIndex) ?? bytes.endIndex
            try reader.consume(bytes[index..<end])
            index = end
        }
        return try reader.finish()
    }

    /// A reader that verifies an export fed in chunks of any size, keeping only the running state
    /// (the previous hash, the counts, the current line), so memory stays within a small multiple
    /// of ``Limits/maximumLineBytes`` whatever the size of the export.
    public func reader(expectedCount: Int? = nil, expectedHead: String? = nil) -> Reader {
        Reader(verifier: self, expectedCount: expectedCount, expectedHead: expectedHead)
    }

    /// Verifies an export read in chunks: call ``consume(_:)`` with each chunk in order, then
    /// ``finish()``. The verdict is the same as ``AuditExportVerifier/verify(_:expectedCount:expectedHead:)``'s.
    public struct Reader: Sendable {
        private let verifier: AuditExportVerifier
        private let expectedCount: Int?
        private let expectedHead: String?
        /// The lines read so far and the current, unfinished one.
        private var lines: LineSplitter
        private var totalBytes = 0
        private var hashAlgorithm: HashAlgorithm?
        private var genesis = ""
        /// Set after a malformed line: later lines are not read.
        private var malformed: (index: Int, reason: AuditExportVerification.Reason)?
        private var entries = 0
        private var head: String?
        private var chainFailure: (index: Int, reason: AuditExportVerification.Reason)?
        private var signed = 0
        private var checkpoints = 0
        private var checkpointFailure: (index: Int, reason: AuditExportVerification.Reason)?
        /// The stated count and JWS of the previous checkpoint line, to refuse a repeated one.
        private var previousCheckpoint: (count: JSONValue?, jws: String)?

        init(verifier: AuditExportVerifier, expectedCount: Int?, expectedHead: String?) {
            self.verifier = verifier
            self.expectedCount = expectedCount
            self.expectedHead = expectedHead
            self.lines = LineSplitter(maximumLineBytes: verifier.limits.maximumLineBytes)
        }

        /// Reads the next chunk of the export.
        ///
        /// - Throws: ``AuditExportError`` when the export cannot be read at all: too large, too
        ///   many entries, a bad header, a repeated checkpoint line.
        public mutating func consume(_ chunk: some Collection<UInt8>) throws(AuditExportError) {
            totalBytes += chunk.count
            let limits = verifier.limits
            guard totalBytes <= limits.maximumTotalBytes else { throw .tooLarge(limit: limits.maximumTotalBytes) }
            if malformed != nil { return }
            var lines = self.lines
            defer { self.lines = lines }
            try lines.feed(chunk) { (line: LineSplitter.Line, number: Int) throws(AuditExportError) in
                if malformed == nil { try self.line(line, number: number) }
            }
        }

        /// Ends the export and returns the verdict.
        ///
        /// - Throws: ``AuditExportError`` as ``consume(_:)`` does, and
        ///   ``AuditExportError/invalidHeader(_:)`` for an empty export.
        public mutating func finish() throws(AuditExportError) -> AuditExportVerification {
            if malformed == nil {
                var lines = self.lines
                defer { self.lines = lines }
                try lines.finish { (line: LineSplitter.Line, number: Int) throws(AuditExportError) in
                    try self.line(line, number: number)
                }
            }
            guard hashAlgorithm != nil else { throw .invalidHeader("the export is empty") }
            // Candidates for the first failure, in order of precedence for equal indices.
            var failures: [(index: Int, reason: AuditExportVerification.Reason)] = []
            if let chainFailure { failures.append(chainFailure) }
            if let malformed { failures.append(malformed) }
            if let checkpointFailure { failures.append(checkpointFailure) }
            // Only when nothing more specific failed: a malformed line also hides later checkpoints.
            if entries > 0, signed == 0, failures.isEmpty {
                failures.append((0, .noCheckpoint))
            }
            if let expectedCount, expectedCount != entries {
                failures.append((min(expectedCount, entries), .countMismatch))
            }
            if let expectedHead, expectedHead != (head ?? genesis) {
                failures.append((entries, .headMismatch))
            }
            let first = failures.enumerated().min { lhs, rhs in
                (lhs.element.index, lhs.offset) < (rhs.element.index, rhs.offset)
            }?.element
            return AuditExportVerification(
                valid: first == nil, entries: entries, signedEntries: signed, checkpoints: checkpoints,
                firstInvalid: first?.index, reason: first?.reason, head: head)
        }

        private mutating func line(_ read: LineSplitter.Line, number lineNumber: Int) throws(AuditExportError) {
            guard let hashAlgorithm else {
                guard case .line(let line) = read else { throw .invalidHeader("the line is too long") }
                let algorithm = try verifier.header(line)
                hashAlgorithm = algorithm
                genesis = AuditChain.genesisHash(for: algorithm)
                return
            }
            guard case .line(let line) = read else {
                malformed = (entries, .lineTooLong)
                return
            }
            guard let value = try? JSONValue.parse(line, limits: verifier.lineLimits),
                case .object(let members) = value
            else {
                malformed = (entries, .malformedLine)
                return
            }
            switch members["type"] {
            case .string("entry")?:
                guard let entry = AuditExportVerifier.entry(members) else {
                    malformed = (entries, .malformedLine)
                    return
                }
                guard entries < verifier.limits.maximumEntries else {
                    throw .tooManyEntries(limit: verifier.limits.maximumEntries)
                }
                if chainFailure == nil,
                    let failure = AuditChain.check(
                        entry, at: entries, previousHash: head ?? genesis, hashFunction: hashAlgorithm)
                {
                    chainFailure = (entries, AuditExportVerifier.reason(failure))
                }
                entries += 1
                head = entry.hash
            case .string("checkpoint")?:
                guard Set(members.keys) == ["type", "checkpoint", "jws"], case .string(let jws)? = members["jws"],
                    let stated = members["checkpoint"]
                else {
                    malformed = (entries, .malformedLine)
                    return
                }
                let statedCount = stated["count"]
                if let previous = previousCheckpoint,
                    previous.jws == jws || (statedCount != nil && previous.count == statedCount)
                {
                    throw .repeatedCheckpoint(line: lineNumber)
                }
                previousCheckpoint = (statedCount, jws)
                checkpoints += 1
                if checkpointFailure == nil { checkpoint(jws, stated: stated, hashAlgorithm: hashAlgorithm) }
            default:
                malformed = (entries, .malformedLine)
            }
        }

        /// Checks a checkpoint read after `entries` entries; the first failure is reported at the
        /// first entry that no verified checkpoint covers (``signed``).
        private mutating func checkpoint(_ jws: String, stated: JSONValue, hashAlgorithm: HashAlgorithm) {
            let checkpoint: AuditCheckpoint
            do throws(AuditCheckpointError) {
                switch verifier.keys {
                case .single(let key): checkpoint = try AuditCheckpoint.verify(jws, key: key)
                case .set(let keySet): checkpoint = try AuditCheckpoint.verify(jws, keySet: keySet)
                }
            } catch .signatureInvalid(_) {
                checkpointFailure = (signed, .checkpointSignatureInvalid)
                return
            } catch {
                checkpointFailure = (signed, .checkpointMalformed)
                return
            }
            guard checkpoint.payload == stated else {
                checkpointFailure = (signed, .checkpointMalformed)
                return
            }
            guard checkpoint.hashAlgorithm == hashAlgorithm.identifier, checkpoint.count >= signed else {
                checkpointFailure = (signed, .checkpointInconsistent)
                return
            }
            // Entries were added or removed before this checkpoint: the change lies somewhere after
            // the last verified checkpoint, so nothing from there on is vouched for.
            guard checkpoint.count == entries else {
                checkpointFailure = (signed, .checkpointCountMismatch)
                return
            }
            guard ConstantTime.equals(head ?? genesis, checkpoint.head) else {
                checkpointFailure = (signed, .checkpointHeadMismatch)
                return
            }
            signed = checkpoint.count
        }
    }

    fileprivate var lineLimits: JSONValue.Limits {
        JSONValue.Limits(
            maximumBytes: limits.maximumLineBytes, maximumDepth: 8, maximumStringBytes: limits.maximumLineBytes)
    }

    fileprivate func header(_ line: ArraySlice<UInt8>) throws(AuditExportError) -> HashAlgorithm {
        guard line.count <= limits.maximumLineBytes else { throw .invalidHeader("the line is too long") }
        guard let value = try? JSONValue.parse(line, limits: lineLimits), case .object(let members) = value,
            Set(members.keys) == ["type", "format", "version", "hashAlgorithm"], members["type"] == .string("header"),
            members["format"] == .string(AuditExport.format), case .string(let version)? = members["version"],
            case .string(let algorithmName)? = members["hashAlgorithm"]
        else { throw .invalidHeader("expected {type: header, format: \(AuditExport.format), version, hashAlgorithm}") }
        guard version == InteropVersion.current else { throw .unsupportedVersion }
        guard let algorithm = hashAlgorithms.first(where: { $0.identifier == algorithmName }) else {
            throw .unsupportedHashAlgorithm
        }
        return algorithm
    }

    /// The entry of an entry line, if the line is exactly `{"type": "entry", "entry": <entry>}`
    /// and the entry re-encodes to the same JSON (no unknown, null or mistyped members).
    fileprivate static func entry(_ members: [String: JSONValue]) -> AuditEntry? {
        guard Set(members.keys) == ["type", "entry"], let value = members["entry"],
            let bytes = try? CanonicalJSON.serialize(value),
            let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(bytes)),
            let again = try? CanonicalJSON.data(for: entry), again == bytes
        else { return nil }
        return entry
    }

    fileprivate static func reason(_ failure: AuditVerification.Failure) -> AuditExportVerification.Reason {
        switch failure {
        case .hashMismatch: .hashMismatch
        case .brokenLink: .brokenLink
        case .sequenceGap: .sequenceGap
        case .algorithmMismatch: .algorithmMismatch
        case .countMismatch: .countMismatch
        case .headMismatch: .headMismatch
        }
    }
}
