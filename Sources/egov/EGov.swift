import ArgumentParser
import EGovKit

@main
struct EGov: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egov",
        abstract: "EGovKit command-line tool."
    )
}
