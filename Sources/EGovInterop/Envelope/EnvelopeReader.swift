import EGovCore
import Foundation

/// Reads typed members of an envelope payload with limits.
struct EnvelopeReader {
    let members: [String: JSONValue]

    func expectVersion() throws(InteropError) {
        guard try string("v") == InteropVersion.current else {
            throw InteropError(.malformedRequest, "unsupported envelope version")
        }
    }

    func string(_ name: String) throws(InteropError) -> String {
        guard case .string(let text)? = members[name] else {
            throw InteropError(.malformedRequest, "\(name) is missing or not a string")
        }
        guard !text.isEmpty, text.utf8.count <= InteropRequest.maximumStringBytes else {
            throw InteropError(.malformedRequest, "\(name) is empty or longer than \(InteropRequest.maximumStringBytes) bytes")
        }
        return text
    }

    func optionalString(_ name: String) throws(InteropError) -> String? {
        guard let value = members[name] else { return nil }
        guard case .string = value else { throw InteropError(.malformedRequest, "\(name) is not a string") }
        return try string(name)
    }

    func identifier(_ name: String) throws(InteropError) -> String {
        let text = try string(name)
        guard text.utf8.count <= 128, Self.isIdentifier(text) else {
            throw InteropError(.malformedRequest, "\(name) must be 1-128 of A-Z a-z 0-9 . _ -")
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    func time(_ name: String) throws(InteropError) -> Date {
        guard let date = RFC3339Time.parse(try string(name), precision: .seconds) else {
            throw InteropError(.malformedRequest, "\(name) is not an RFC 3339 date-time")
        }
        return date
    }

    func optionalTime(_ name: String) throws(InteropError) -> Date? {
        guard members[name] != nil else { return nil }
        return try time(name)
    }

    func stringArray(_ name: String, limit: Int) throws(InteropError) -> [String] {
        guard case .array(let items)? = members[name] else {
            throw InteropError(.malformedRequest, "\(name) is missing or not an array")
        }
        guard items.count <= limit else { throw InteropError(.malformedRequest, "\(name) has more than \(limit) entries") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item, !text.isEmpty, text.utf8.count <= 128 else {
                throw InteropError(.malformedRequest, "\(name) holds an entry that is not a short string")
            }
            result.append(text)
        }
        return result
    }
}
