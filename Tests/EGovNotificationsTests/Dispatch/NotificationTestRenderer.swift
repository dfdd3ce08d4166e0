import EGovNotifications

/// A renderer for the dispatcher tests.
enum NotificationTestRenderer {
    static let render: NotificationDispatcher.Renderer = { notice, channel in
        RenderedPayload(subject: "Notice \(notice.reference)", body: "Template \(notice.templateID) via \(channel)")
    }
}
