/// Splits a byte stream read in chunks into `\n`-terminated lines, holding at most one line
/// (up to ``maximumLineBytes``) at a time: what a reader of JSON Lines needs to keep memory
/// independent of the size of the file.
///
/// A line longer than the limit is reported as ``Line/tooLong`` without being kept. A last line
/// without a final `\n` is reported by ``finish(_:)``.
package struct LineSplitter: Sendable {
    /// One line, without its `\n`.
    package enum Line {
        /// The line's bytes.
        case line(ArraySlice<UInt8>)
        /// A line longer than ``LineSplitter/maximumLineBytes`` (its bytes were dropped).
        case tooLong
    }

    /// The longest line reported as ``Line/line(_:)``, in bytes (without the `\n`).
    package let maximumLineBytes: Int
    /// The number of lines reported so far (the line number of the last one, counting from 1).
    package private(set) var lineNumber = 0
    private var pending: [UInt8] = []
    private var pendingTooLong = false

    /// Creates a splitter.
    package init(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Reports each line that `chunk` completes to `body` with its number (counting from 1), in
    /// order, and keeps the unfinished rest.
    package mutating func feed<Failure: Error>(
        _ chunk: some Collection<UInt8>, _ body: (Line, _ number: Int) throws(Failure) -> Void
    ) throws(Failure) {
        let bytes = Array(chunk)
        var start = 0
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty, !pendingTooLong {
                try report(bytes[start..<newline], body)
            } else {
                append(bytes[start..<newline])
                let text = pending
                pending = []
                try report(text[...], body)
            }
            start = newline + 1
        }
        append(bytes[start...])
    }

    /// Reports the last line if the input did not end with `\n`.
    package mutating func finish<Failure: Error>(_ body: (Line, _ number: Int) throws(Failure) -> Void) throws(Failure) {
        guard !pending.isEmpty || pendingTooLong else { return }
        let text = pending
        pending = []
        try report(text[...], body)
    }

    private mutating func report<Failure: Error>(
        _ line: ArraySlice<UInt8>, _ body: (Line, _ number: Int) throws(Failure) -> Void
    ) throws(Failure) {
        lineNumber += 1
        let tooLong = pendingTooLong || line.count > maximumLineBytes
        pendingTooLong = false
        try body(tooLong ? .tooLong : .line(line), lineNumber)
    }

    private mutating func append(_ part: ArraySlice<UInt8>) {
        guard !part.isEmpty, !pendingTooLong else { return }
        if pending.count + part.count > maximumLineBytes {
            pending = []
            pendingTooLong = true
        } else {
            pending += part
        }
    }
}
