import Testing
import Sitegen

/// `sitegen serve`'s options: the build's, plus where to listen.
@Suite struct ServeCommandLineTests {
    @Test func serveTakesBuildOptionsBindAndPort() throws {
        guard case .run(let invocation) = CommandLineInterface.parse(["serve", "--content", "C", "--port", "8080", "--bind=0.0.0.0",
                                                                      "--base-url", "http://preview.example/"]) else {
            Issue.record("serve was not parsed")
            return
        }
        #expect(invocation.command == .serve)
        #expect(invocation.options.contentDirectory == "C")
        #expect(invocation.port == 8080 && invocation.bind == "0.0.0.0")
        #expect(invocation.options.baseURL == "http://preview.example/")
        guard case .run(let defaults) = CommandLineInterface.parse(["serve"]) else {
            Issue.record("serve was not parsed")
            return
        }
        #expect(defaults.port == 1313 && defaults.bind == "127.0.0.1" && defaults.options.baseURL == nil)
    }

    @Test func badServeOptionsAreUsageErrors() {
        for arguments in [["serve", "--port", "70000"], ["serve", "--port", "x"], ["serve", "--port"], ["serve", "--shard", "1/2"],
                          ["serve", "--force"], ["serve", "extra"], ["build", "--port", "1"]] {
            guard case .usage = CommandLineInterface.parse(arguments) else {
                Issue.record("\(arguments) was accepted")
                continue
            }
        }
        guard case .message(let help) = CommandLineInterface.parse(["serve", "--help"]) else {
            Issue.record("no help for serve")
            return
        }
        #expect(help.contains("--bind") && help.contains("--port") && help.contains("preview"))
    }
}
