import COpenSSL
import EGovCore
import Foundation

/// Digest algorithms, computed by OpenSSL.
public enum HashAlgorithm: String, Sendable, Hashable, Codable, CaseIterable, HashFunction {
    /// SHA-256 (FIPS 180-4).
    case sha256 = "sha-256"
    /// SHA-384 (FIPS 180-4).
    case sha384 = "sha-384"
    /// SHA-512 (FIPS 180-4).
    case sha512 = "sha-512"
    /// SM3 (GB/T 32905).
    case sm3 = "sm3"

    /// The algorithm's stable identifier (the IANA "Named Information" hash names, and `sm3`).
    public var identifier: String { rawValue }

    /// The digest length in bytes.
    public var outputLength: Int {
        switch self {
        case .sha256, .sm3: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The OpenSSL algorithm name used to fetch the implementation.
    var openSSLName: String {
        switch self {
        case .sha256: "SHA256"
        case .sha384: "SHA384"
        case .sha512: "SHA512"
        case .sm3: "SM3"
        }
    }

    /// Fetched once: OpenSSL 3 documents that implicit fetching on every call costs time.
    /// `EVP_MD` objects are immutable and safe to share between threads once fetched.
    nonisolated(unsafe) private static let fetched: [HashAlgorithm: OpaquePointer] = {
        var table: [HashAlgorithm: OpaquePointer] = [:]
        for algorithm in HashAlgorithm.allCases {
            if let md = EVP_MD_fetch(nil, algorithm.openSSLName, nil) { table[algorithm] = md }
        }
        return table
    }()

    /// The fetched `EVP_MD`. All four are present in the default provider of OpenSSL 3.
    var md: OpaquePointer? { Self.fetched[self] }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                EVP_Digest(
                    input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    &length, md, nil)
            }
        }
        // With a fetched EVP_MD, EVP_Digest fails only when memory runs out or the OpenSSL
        // installation lacks the algorithm (e.g. SM3 disabled): a deployment fault, never caused
        // by input. Returning anything would be unsafe (an empty digest compares equal to
        // another empty digest), so stop here. Callers that prefer an error use `digest(of:)`.
        guard ok == 1 else {
            preconditionFailure("OpenSSL could not compute \(openSSLName): \(OpenSSL.drainErrors())")
        }
        return Array(output.prefix(Int(length)))
    }

    /// The digest of any bytes.
    public func hash(_ data: some DataProtocol) -> [UInt8] { hash(data.egovBytes) }

    /// The digest of `bytes`, throwing if the engine fails.
    public func digest(of bytes: [UInt8]) throws -> [UInt8] {
        var hasher = try StreamingHasher(self)
        try hasher.update(bytes)
        return try hasher.finalize()
    }
}

/// An incremental digest computation, for inputs too large to hold in memory (files, streams).
public struct StreamingHasher: ~Copyable {
    private let context: OpaquePointer
    /// The algorithm being computed.
    public let algorithm: HashAlgorithm

    /// Starts a digest computation.
    public init(_ algorithm: HashAlgorithm) throws {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        guard EVP_DigestInit_ex(context, algorithm.md, nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw OpenSSL.failure("EVP_DigestInit_ex")
        }
        self.context = context
        self.algorithm = algorithm
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the computation.
    public mutating func update(_ bytes: some DataProtocol) throws {
        let array = bytes.egovBytes
        let ok = array.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        guard ok == 1 else { throw OpenSSL.failure("EVP_DigestUpdate") }
    }

    /// Finishes the computation and returns the digest.
    public consuming func finalize() throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = output.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard ok == 1 else { throw OpenSSL.failure("EVP_DigestFinal_ex") }
        return Array(output.prefix(Int(length)))
    }
}
