import ArgumentParser
import EGovKit
import Foundation

struct StatusListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-list", abstract: "Token Status Lists.", subcommands: [StatusListDecode.self])
}

struct StatusListDecode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Print the non-zero entries of a status list (JSON {bits, lst} or a statuslist+jwt).",
        discussion: "A token is decoded without verifying its signature (use `egov credential verify` for that).")

    @Argument(help: "The status list JSON or token file, or - for standard input.") var file: String

    struct Result: Encodable {
        let bits: Int
        let size: Int
        let entries: [String: UInt8]
        let verified: Bool
    }

    func run() async throws {
        let text = try InputSource(file).readText(limit: 16 << 20).trimmingCharacters(in: .whitespacesAndNewlines)
        let list: StatusList
        do {
            if text.hasPrefix("{") {
                list = try StatusList(json: Array(text.utf8))
            } else {
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
                    case .object(let claims)? = try? JSONValue.parse(payload), let statusList = claims["status_list"]
                else {
                    throw CLIError.badInput("not a status list or status list token", code: "cli.status_list.malformed")
                }
                list = try StatusList(jsonValue: statusList)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.from(error)
        }
        let entries = Dictionary(uniqueKeysWithValues: list.nonZeroIndices.map { (String($0.key), $0.value) })
        try Output.printJSON(Result(bits: list.bits, size: list.count, entries: entries, verified: false))
    }
}
