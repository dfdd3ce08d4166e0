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
///   (``AuditChain/verify(_:hashFunction:expectedHead:expectedCount:)``);
/// - every checkpoint: its signature with the key (algorithm bound to the key, `typ` required),
///   that the line carries exactly the signed payload, that its `count` equals the number of
///   entries before it, that its `head` is the hash of the last of those entries, and that counts
///   never go backwards;
/// - that at least one checkpoint covers the entries, when there are any;
/// - optionally, an independently known count and head.
///
/// The result names the **first** invalid entry.
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

    private enum Keys: Sendable {
        case single(any VerificationKey)
        case set(JWSKeySet)
    }

    private let keys: Keys
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

    private enum Item {
        case entry(AuditEntry)
        case checkpoint(AuditCheckpoint?, AuditExportVerification.Reason?, position: Int)
    }

    /// Verifies an export.
    ///
    /// - Parameters:
    ///   - bytes: the JSON Lines export.
    ///   - expectedCount: the number of entries the log must have, if known independently.
    ///   - expectedHead: the hash the last entry must have, if known independently.
    /// - Throws: ``AuditExportError`` when the export cannot be read at all (size, header).
    public func verify(
        _ bytes: some Collection<UInt8>, expectedCount: Int? = nil, expectedHead: String? = nil
    ) throws(AuditExportError) -> AuditExportVerification {
        guard bytes.count <= limits.maximumTotalBytes else { throw .tooLarge(limit: limits.maximumTotalBytes) }
        let data = Array(bytes)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in data.indices where data[index] == 0x0A {
            lines.append(data[start..<index])
            start = index + 1
        }
        if start < data.count { lines.append(data[start...]) }
        guard let headerLine = lines.first else { throw .invalidHeader("the export is empty") }
        let hashAlgorithm = try header(headerLine)

        var entries: [AuditEntry] = []
        var items: [Item] = []
        var malformed: (index: Int, reason: AuditExportVerification.Reason)?
        for line in lines.dropFirst() {
            guard line.count <= limits.maximumLineBytes else {
                malformed = (entries.count, .lineTooLong)
                break
            }
            guard let value = try? JSONValue.parse(line, limits: lineLimits), case .object(let members) = value else {
                malformed = (entries.count, .malformedLine)
                break
            }
            switch members["type"] {
            case .string("entry")?:
                guard let entry = Self.entry(members) else {
                    malformed = (entries.count, .malformedLine)
                    break
                }
                guard entries.count < limits.maximumEntries else { throw .tooManyEntries(limit: limits.maximumEntries) }
                entries.append(entry)
                items.append(.entry(entry))
            case .string("checkpoint")?:
                guard Set(members.keys) == ["type", "checkpoint", "jws"], case .string(let jws)? = members["jws"],
                    let stated = members["checkpoint"]
                else {
                    malformed = (entries.count, .malformedLine)
                    break
                }
                do throws(AuditCheckpointError) {
                    let checkpoint: AuditCheckpoint
                    switch keys {
                    case .single(let key): checkpoint = try AuditCheckpoint.verify(jws, key: key)
                    case .set(let keySet): checkpoint = try AuditCheckpoint.verify(jws, keySet: keySet)
                    }
                    if checkpoint.payload == stated {
                        items.append(.checkpoint(checkpoint, nil, position: entries.count))
                    } else {
                        items.append(.checkpoint(nil, .checkpointMalformed, position: entries.count))
                    }
                } catch .signatureInvalid(_) {
                    items.append(.checkpoint(nil, .checkpointSignatureInvalid, position: entries.count))
                } catch {
                    items.append(.checkpoint(nil, .checkpointMalformed, position: entries.count))
                }
            default:
                malformed = (entries.count, .malformedLine)
            }
            if malformed != nil { break }
        }

        // Candidates for the first failure, in order of precedence for equal indices.
        var failures: [(index: Int, reason: AuditExportVerification.Reason)] = []
        let chain = AuditChain.verify(entries, hashFunction: hashAlgorithm)
        if let index = chain.firstInvalidIndex, let failure = chain.failure {
            failures.append((index, Self.reason(failure)))
        }
        if let malformed { failures.append(malformed) }
        var signed = 0
        var checkpointCount = 0
        var checkpointFailure: (index: Int, reason: AuditExportVerification.Reason)?
        let genesis = AuditChain.genesisHash(for: hashAlgorithm)
        for item in items {
            guard case .checkpoint(let checkpoint, let problem, let position) = item else { continue }
            checkpointCount += 1
            guard checkpointFailure == nil else { continue }
            guard let checkpoint else {
                checkpointFailure = (signed, problem ?? .checkpointMalformed)
                continue
            }
            guard checkpoint.hashAlgorithm == hashAlgorithm.identifier, checkpoint.count >= signed else {
                checkpointFailure = (signed, .checkpointInconsistent)
                continue
            }
            guard checkpoint.count == position else {
                checkpointFailure = (min(checkpoint.count, position), .checkpointCountMismatch)
                continue
            }
            let head = position == 0 ? genesis : entries[position - 1].hash
            guard ConstantTime.equals(head, checkpoint.head) else {
                checkpointFailure = (signed, .checkpointHeadMismatch)
                continue
            }
            signed = checkpoint.count
        }
        if let checkpointFailure { failures.append(checkpointFailure) }
        // Only when nothing more specific failed: a malformed line also hides later checkpoints.
        if !entries.isEmpty, signed == 0, failures.isEmpty {
            failures.append((0, .noCheckpoint))
        }
        if let expectedCount, expectedCount != entries.count {
            failures.append((min(expectedCount, entries.count), .countMismatch))
        }
        if let expectedHead, expectedHead != (entries.last?.hash ?? genesis) {
            failures.append((entries.count, .headMismatch))
        }
        let first = failures.enumerated().min { lhs, rhs in
            (lhs.element.index, lhs.offset) < (rhs.element.index, rhs.offset)
        }?.element
        return AuditExportVerification(
            valid: first == nil, entries: entries.count, signedEntries: signed, checkpoints: checkpointCount,
            firstInvalid: first?.index, reason: first?.reason, head: entries.last?.hash)
    }

    private var lineLimits: JSONValue.Limits {
        JSONValue.Limits(
            maximumBytes: limits.maximumLineBytes, maximumDepth: 8, maximumStringBytes: limits.maximumLineBytes)
    }

    private func header(_ line: ArraySlice<UInt8>) throws(AuditExportError) -> HashAlgorithm {
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
    private static func entry(_ members: [String: JSONValue]) -> AuditEntry? {
        guard Set(members.keys) == ["type", "entry"], let value = members["entry"],
            let bytes = try? CanonicalJSON.serialize(value),
            let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(bytes)),
            let again = try? CanonicalJSON.data(for: entry), again == bytes
        else { return nil }
        return entry
    }

    private static func reason(_ failure: AuditVerification.Failure) -> AuditExportVerification.Reason {
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
