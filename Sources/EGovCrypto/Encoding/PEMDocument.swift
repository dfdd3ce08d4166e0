import EGovCore
import Foundation

/// One PEM block (RFC 7468): a label and the DER bytes it carries.
///
/// Parsing is strict: each block must be framed by matching `-----BEGIN X-----` and
/// `-----END X-----` lines, the body must be standard base64 (RFC 4648 section 4) with correct
/// padding, and RFC 1421 headers (`Proc-Type`, `DEK-Info`: legacy encrypted keys) are refused.
/// Only whitespace may stand between blocks. Nothing is "fixed up".
public struct PEMDocument: Sendable, Hashable {
    /// The label, e.g. `CERTIFICATE`, `PRIVATE KEY`, `PUBLIC KEY`, `X509 CRL`.
    public let label: String
    /// The DER bytes.
    public let der: [UInt8]

    /// Default limit for a single PEM text (1 MiB).
    public static let defaultLimit = 1 << 20

    /// Creates a document from its parts.
    public init(label: String, der: [UInt8]) {
        self.label = label
        self.der = der
    }

    /// Parses text that must contain exactly one PEM block.
    public init(parsing text: String, limit: Int = PEMDocument.defaultLimit) throws(CryptoError) {
        let documents = try Self.parseAll(text, limit: limit)
        guard documents.count == 1, let only = documents.first else {
            throw .malformedPEM("expected exactly one PEM block, found \(documents.count)")
        }
        self = only
    }

    /// Parses text that holds one or more PEM blocks (a bundle), in order.
    public static func parseAll(_ text: String, limit: Int = PEMDocument.defaultLimit) throws(CryptoError)
        -> [PEMDocument]
    {
        guard text.utf8.count <= limit else { throw .inputTooLarge(what: "PEM text", limit: limit) }
        var documents: [PEMDocument] = []
        var currentLabel: String?
        var body = ""
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let label = currentLabel {
                if trimmed.hasPrefix("-----END ") {
                    guard trimmed == "-----END \(label)-----" else {
                        throw .malformedPEM("line \(lineNumber): END line does not match BEGIN \(label)")
                    }
                    documents.append(PEMDocument(label: label, der: try decodeBody(body, label: label)))
                    currentLabel = nil
                    body = ""
                } else if trimmed.contains(":") {
                    throw .malformedPEM("line \(lineNumber): PEM headers are not accepted (encrypted legacy format?)")
                } else if trimmed.hasPrefix("-----") {
                    throw .malformedPEM("line \(lineNumber): unexpected boundary inside \(label) block")
                } else {
                    body += trimmed
                }
            } else if trimmed.isEmpty {
                continue
            } else if trimmed.hasPrefix("-----BEGIN "), trimmed.hasSuffix("-----") {
                let label = String(trimmed.dropFirst("-----BEGIN ".count).dropLast(5))
                guard isValidLabel(label) else {
                    throw .malformedPEM("line \(lineNumber): invalid label")
                }
                currentLabel = label
            } else {
                throw .malformedPEM("line \(lineNumber): text outside a PEM block")
            }
        }
        if let label = currentLabel { throw .malformedPEM("missing END line for \(label)") }
        guard !documents.isEmpty else { throw .malformedPEM("no PEM block found") }
        return documents
    }

    /// The PEM text of this document, with 64-character lines.
    public var pemString: String {
        let encoded = Data(der).base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 64, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isValidLabel(_ label: String) -> Bool {
        !label.isEmpty && label.count <= 64
            && label.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 }
            && !label.hasPrefix(" ") && !label.hasSuffix(" ")
    }

    private static func decodeBody(_ body: String, label: String) throws(CryptoError) -> [UInt8] {
        guard !body.isEmpty else { throw .malformedPEM("empty \(label) block") }
        do {
            return try Base64.decode(body, limit: .max)
        } catch .nonCanonicalTrailingBits, .invalidPadding {
            throw .malformedPEM("the \(label) body is not canonical base64")
        } catch {
            throw .malformedPEM("the \(label) body is not valid base64")
        }
    }
}
