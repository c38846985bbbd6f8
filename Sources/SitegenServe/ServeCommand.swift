import Foundation
import Sitegen
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `serve` command as the executable runs it: until Ctrl-C (SIGINT) or SIGTERM.
public enum ServeCommand {
    /// The exit status: 0 stopped by a signal, 1 could not start.
    public static func run(_ invocation: CommandLineInterface.Invocation) -> Int32 {
        // Blocked in this thread before any other starts, so every thread inherits the mask and
        // the signals wait for `sigwait` below instead of killing the process mid-write.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        var configuration = PreviewSession.Configuration(options: invocation.options)
        configuration.bind = invocation.bind
        configuration.port = invocation.port
        configuration.log = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let session: PreviewSession
        do {
            session = try PreviewSession(configuration)
        } catch {
            configuration.log("sitegen serve: \(error)")
            return 1
        }
        configuration.log("serving \(session.baseURL) from \(session.previewDirectory); watching \(invocation.options.contentDirectory) and \(invocation.options.themesDirectory); Ctrl-C stops")
        session.start()
        var received: Int32 = 0
        sigwait(&signals, &received)
        configuration.log("sitegen serve: stopping")
        session.stop(waitingForBuild: false)
        return 0
    }
}
