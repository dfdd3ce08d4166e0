import EGovCore
import Foundation

/// The stored form of a ``Notice`` in `egov_notices.body`, shared by the SQLite and PostgreSQL
/// stores (one format, so that both store notices the same way): a compact binary encoding written by
/// hand (the JSON encoder was the largest cost of a durable enqueue), with JSON still read.
///
/// A body is either JSON (first byte `{`, as written by EGovKit before the compact form and for
/// notices the compact form cannot hold exactly) or the compact form: the tag byte `0x01`, then the
/// fields in declaration order. Strings are a LEB128 length and UTF-8 bytes (enumerations by raw
/// value), `templateVersion` a LEB128 zigzag integer, times the 8 bytes (little endian) of
/// `timeIntervalSinceReferenceDate` (exact), arrays a LEB128 count and their elements, the expiry a
/// presence byte (`0`/`1`) and a time. Decoding validates like ``Notice/init(from:)`` and refuses
/// trailing bytes; every failure is ``StoreError/corruptRecord(table:)``.
package enum StoredNoticeCodec {
    /// The table named in ``StoreError/corruptRecord(table:)``.
    package static let table = "egov_notices"
    private static let compactTag: UInt8 = 0x01
    private static let jsonTag: UInt8 = 0x7B  // "{"

    /// The stored body of `notice`.
    package static func encode(_ notice: Notice) throws(StoreError) -> Data {
        if let compact = compact(notice) { return compact }
        do {
            return try JSONEncoder().encode(notice)
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    /// The compact form, or `nil` if it could not reproduce `notice` exactly (an attachment URL
    /// relative to a base URL, stored as JSON like before: resolved, without its base).
    package static func compact(_ notice: Notice) -> Data? {
        var writer = Writer()
        writer.bytes.reserveCapacity(160 + notice.attachments.count * 160)
        writer.bytes.append(compactTag)
        writer.string(notice.id.rawValue)
        writer.string(notice.idempotencyKey)
        writer.string(notice.recipientAccountID)
        writer.string(notice.department)
        writer.string(notice.category.rawValue)
        writer.string(notice.reference)
        writer.string(notice.templateID)
        writer.integer(notice.templateVersion)
        writer.string(notice.preferredLocale)
        writer.count(notice.channels.count)
        for channel in notice.channels { writer.string(channel.rawValue) }
        writer.count(notice.attachments.count)
        for attachment in notice.attachments {
            guard attachment.location.baseURL == nil else { return nil }
            let location = attachment.location.relativeString
            guard URL(string: location) == attachment.location else { return nil }
            writer.string(attachment.name)
            writer.string(attachment.mediaType)
            writer.string(attachment.sha256)
            writer.string(location)
        }
        writer.string(notice.urgency.rawValue)
        writer.time(notice.createdAt)
        if let expiresAt = notice.expiresAt {
            writer.bytes.append(1)
            writer.time(expiresAt)
        } else {
            writer.bytes.append(0)
        }
        return Data(writer.bytes)
    }

    /// Decodes a stored body (compact or JSON) into a validated notice.
    package static func decode(_ body: Data) throws(StoreError) -> Notice {
        guard let first = body.first else { throw .corruptRecord(table: table) }
        if first == jsonTag {
            do {
                return try JSONDecoder().decode(Notice.self, from: body)
            } catch {
                throw .corruptRecord(table: table)
            }
        }
        guard first == compactTag else { throw .corruptRecord(table: table) }
        let decoded: Notice? = body.withUnsafeBytes { buffer in
            var reader = Reader(buffer: buffer, offset: 1)
            return reader.notice()
        }
        guard let decoded else { throw .corruptRecord(table: table) }
        return decoded
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

        mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func integer(_ value: Int) {
            let signed = Int64(value)
            unsigned(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func time(_ date: Date) {
            let bits = date.timeIntervalSinceReferenceDate.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
    }

    /// Reads the compact form; every method answers `nil` on malformed input.
    private struct Reader {
        let buffer: UnsafeRawBufferPointer
        var offset: Int

        mutating func notice() -> Notice? {
            guard let id = string(), let key = string(), let recipient = string(), let department = string(),
                let category = string().flatMap(NoticeCategory.init(rawValue:)), let reference = string(),
                let templateID = string(), let templateVersion = integer(), let locale = string(),
                let channelCount = count()
            else { return nil }
            var channels: [NotificationChannel] = []
            channels.reserveCapacity(min(channelCount, 8))
            for _ in 0..<channelCount {
                guard let channel = string().flatMap(NotificationChannel.init(rawValue:)) else { return nil }
                channels.append(channel)
            }
            guard let attachmentCount = count() else { return nil }
            var attachments: [Attachment] = []
            for _ in 0..<attachmentCount {
                guard let name = string(), let mediaType = string(), let sha256 = string(),
                    let location = string().flatMap({ URL(string: $0) })
                else { return nil }
                attachments.append(Attachment(name: name, mediaType: mediaType, sha256: sha256, location: location))
            }
            guard let urgency = string().flatMap(NoticeUrgency.init(rawValue:)), let createdAt = time(),
                let hasExpiry = byte(), hasExpiry <= 1
            else { return nil }
            var expiresAt: Date?
            if hasExpiry == 1 {
                guard let expiry = time() else { return nil }
                expiresAt = expiry
            }
            guard offset == buffer.count else { return nil }
            return try? Notice(
                id: NoticeID(rawValue: id), idempotencyKey: key, recipientAccountID: recipient,
                department: department, category: category, reference: reference, templateID: templateID,
                templateVersion: templateVersion, preferredLocale: locale, channels: channels,
                attachments: attachments, urgency: urgency, createdAt: createdAt, expiresAt: expiresAt)
        }

        mutating func byte() -> UInt8? {
            guard offset < buffer.count else { return nil }
            defer { offset += 1 }
            return buffer[offset]
        }

        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard shift < 64, let byte = byte() else { return nil }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        /// A count or length, bounded by the bytes left (each element takes at least one byte).
        mutating func count() -> Int? {
            guard let value = unsigned(), value <= UInt64(buffer.count - offset) else { return nil }
            return Int(value)
        }

        mutating func integer() -> Int? {
            guard let value = unsigned() else { return nil }
            let decoded = Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
            return Int(exactly: decoded)
        }

        mutating func string() -> String? {
            guard let length = count() else { return nil }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length])
            offset += length
            return String(validating: bytes, as: UTF8.self)
        }

        mutating func time() -> Date? {
            guard buffer.count - offset >= 8 else { return nil }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(buffer[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
        }
    }
}
