import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of the preview's builds and the open pages listening to it over Server-Sent Events.
/// Each page gets the state when it connects and again after every build: the generation of the
/// last good build (a page from an older one reloads) and the errors of the latest build, if it
/// failed (the page shows them over itself).
public final class BuildEvents: @unchecked Sendable {
    public struct State: Sendable, Equatable {
        /// Counts the builds that changed the preview; the page carries the one it came from.
        public var generation = 0
        /// The latest build's diagnostics when it failed; nil while the preview is current.
        public var errors: String?
    }

    /// Open pages beyond this are refused (503): each holds a socket for as long as it is open.
    public static let maxListeners = 256

    private let lock = NSLock()
    private var state = State()
    private var listeners: [Int32] = []
    private var closed = false

    public init() {}

    public var current: State {
        lock.lock(); defer { lock.unlock() }
        return state
    }

    public var listenerCount: Int {
        lock.lock(); defer { lock.unlock() }
        return listeners.count
    }

    /// A new state, sent to every open page.
    public func publish(_ new: State) {
        lock.lock(); defer { lock.unlock() }
        state = new
        broadcast(Self.message(new))
    }

    /// Takes over a connection that asked for the event stream: the response head and the
    /// current state are sent under the lock, so no publish can fall between them.
    func attach(_ fd: Int32) {
        lock.lock(); defer { lock.unlock() }
        guard !closed, listeners.count < Self.maxListeners else {
            _ = Socket.sendAll(fd, HTTPResponse.text(503, "too many open pages", closes: true).serialized(includingBody: true))
            close(fd)
            return
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n"
        // A page that does not read is dropped rather than waited for.
        guard send(Array(head.utf8) + Array("retry: 1000\n\n".utf8) + Self.message(state), to: fd) else {
            close(fd)
            return
        }
        listeners.append(fd)
    }

    /// A comment line to every page, so a closed one is noticed and its socket freed.
    func heartbeat() {
        lock.lock(); defer { lock.unlock() }
        broadcast(Array(": ping\n\n".utf8))
    }

    /// Closes every stream (the server is stopping).
    func closeAll() {
        lock.lock(); defer { lock.unlock() }
        closed = true
        for fd in listeners { close(fd) }
        listeners.removeAll()
    }

    private func broadcast(_ bytes: [UInt8]) {
        listeners.removeAll { fd in
            if send(bytes, to: fd) { return false }
            close(fd)
            return true
        }
    }

    /// Without blocking: a stream whose socket buffer is full is dropped (the page reconnects and
    /// gets the state anew).
    private func send(_ bytes: [UInt8], to fd: Int32) -> Bool {
        Socket.sendAll(fd, bytes, flags: Int32(MSG_DONTWAIT))
    }

    static func message(_ state: State) -> [UInt8] {
        let errors = state.errors.map(JSONText.quoted) ?? "null"
        return Array("event: build\ndata: {\"generation\":\(state.generation),\"errors\":\(errors)}\n\n".utf8)
    }
}
