import EGovNotifications
import Foundation

/// Builds signed receipt bodies for the tests.
enum NotificationReceiptTestSupport {
    static let keys: [NotificationChannel: [UInt8]] = Dictionary(
        uniqueKeysWithValues: NotificationChannel.allCases.enumerated().map { index, channel in
            (channel, Array("receipt-key-\(channel.rawValue)-\(index)".utf8))
        })

    static func body(_ receiptID: String, _ deliveryID: String, _ status: TransportReceipt.Status) throws -> [UInt8] {
        Array(try JSONEncoder().encode(TransportReceipt(receiptID: receiptID, deliveryID: deliveryID, status: status)))
    }

    static func tag(_ body: [UInt8], _ channel: NotificationChannel) throws -> [UInt8] {
        try ReceiptProcessor.authenticationCode(for: body, key: keys[channel] ?? [])
    }
}
