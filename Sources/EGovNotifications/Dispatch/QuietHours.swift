import Foundation

/// A daily local-time window during which non-urgent notices are held back on some channels.
///
/// Local time is UTC plus a fixed offset (daylight saving time is not modelled). The window is
/// `[start, end)` in minutes after local midnight and may wrap past midnight (22:00–07:00).
public struct QuietHours: Sendable, Hashable, Codable {
    /// Start, in minutes after local midnight (0…1439).
    public var startMinute: Int
    /// End, in minutes after local midnight (0…1439); equal to the start means no quiet hours.
    public var endMinute: Int
    /// The local time's offset from UTC, in seconds (e.g. 28 800 for UTC+8).
    public var utcOffsetSeconds: Int
    /// The channels the window applies to.
    public var channels: Set<NotificationChannel>

    /// Creates a window; minutes are reduced modulo one day.
    public init(
        startMinute: Int, endMinute: Int, utcOffsetSeconds: Int,
        channels: Set<NotificationChannel> = [.sms, .push]
    ) {
        self.startMinute = ((startMinute % 1_440) + 1_440) % 1_440
        self.endMinute = ((endMinute % 1_440) + 1_440) % 1_440
        self.utcOffsetSeconds = utcOffsetSeconds
        self.channels = channels
    }

    /// Whether `time` falls inside the window.
    public func isQuiet(at time: Date) -> Bool {
        let minute = localMinute(of: time)
        if startMinute == endMinute { return false }
        if startMinute < endMinute { return minute >= startMinute && minute < endMinute }
        return minute >= startMinute || minute < endMinute
    }

    /// The first instant at or after `time` outside the window.
    public func end(after time: Date) -> Date {
        guard isQuiet(at: time) else { return time }
        let local = time.timeIntervalSince1970 + Double(utcOffsetSeconds)
        let secondsIntoDay = local - (local / 86_400).rounded(.down) * 86_400
        let endSeconds = Double(endMinute * 60)
        var wait = endSeconds - secondsIntoDay
        if wait <= 0 { wait += 86_400 }
        return time.addingTimeInterval(wait)
    }

    private func localMinute(of time: Date) -> Int {
        let local = time.timeIntervalSince1970 + Double(utcOffsetSeconds)
        let secondsIntoDay = local - (local / 86_400).rounded(.down) * 86_400
        return min(1_439, max(0, Int(secondsIntoDay / 60)))
    }
}
