import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server over Glibc sockets. One thread polls every connection that is reading a
/// request head; a fixed pool of workers answers complete requests. A client that sends its
/// request slowly, or half of it, or never, costs a slot in the poll set and nothing else: no
/// worker waits on a read, and each head must arrive whole within `headTimeout` of the
/// connection starting to wait for it. A worker's write gives up after `sendTimeout`.
public final class HTTPServer: @unchecked Sendable {
    public struct Limits: Sendable {
        public var workers = 8
        /// Connections open at once (event streams not counted); beyond it new ones wait in the
        /// listen backlog.
        public var maxConnections = 1024
        /// From the moment a connection waits for a request (opened, or done with the last one)
        /// to that request's blank line; also the keep-alive idle time.
        public var headTimeout: Double = 10
        public var sendTimeout = 10
        public init() {}
    }

    public typealias Handler = @Sendable (HTTPRequest) -> PreviewResponder.Reply

    public let port: Int
    private let listener: Int32
    private let limits: Limits
    private var handler: Handler = { _ in .response(.text(503, "not started", closes: true)) }
    private let wake: (read: Int32, write: Int32)
    private let ready = WorkQueue<Connection>()
    private let lock = NSLock()
    /// Connections queued for or held by a worker.
    private var busy = 0
    /// Connections the workers hand back for their next request.
    private var returned: [Connection] = []
    private var stopping = false
    private var started = false
    private let finished = DispatchGroup()

    /// A connection waiting for (or between) requests.
    final class Connection: @unchecked Sendable {
        let fd: Int32
        var buffer: [UInt8] = []
        var deadline: Double
        var request: HTTPRequest?

        init(fd: Int32, deadline: Double) {
            self.fd = fd
            self.deadline = deadline
        }
    }

    /// Binds `address:port` (port 0: a free one, see `port`); nothing is served before `start`.
    public init(address: String, port: Int, limits: Limits = Limits()) throws {
        (listener, self.port) = try Socket.listening(address: address, port: port)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(listener)
            throw Socket.Failure("pipe")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC); _ = fcntl(end, F_SETFL, O_NONBLOCK) }
        _ = fcntl(listener, F_SETFL, O_NONBLOCK)
        wake = (pipeEnds[0], pipeEnds[1])
        // Never more connections than file descriptors: an accept failing with EMFILE would leave
        // the listener readable and the poll thread spinning.
        var limits = limits
        var files = rlimit()
        if getrlimit(RLIMIT_NOFILE_VALUE, &files) == 0, files.rlim_cur < rlim_t(Int32.max) {
            limits.maxConnections = max(8, min(limits.maxConnections, Int(files.rlim_cur) / 2 - 64))
        }
        self.limits = limits
    }

    /// Serves with `handler` until `stop`.
    public func start(_ handler: @escaping Handler) {
        self.handler = handler
        lock.lock(); started = true; lock.unlock()
        finished.enter()
        Thread.detachNewThread { [self] in
            pollLoop()
            finished.leave()
        }
        for _ in 0..<max(1, limits.workers) {
            finished.enter()
            Thread.detachNewThread { [self] in
                while let connection = ready.take() { answer(connection) }
                finished.leave()
            }
        }
    }

    /// Stops accepting, closes every connection and waits for the threads to end.
    public func stop() {
        lock.lock()
        let already = stopping
        stopping = true
        let running = started
        lock.unlock()
        guard !already else { return }
        // Never started: no poll thread to close the listener.
        if !running { close(listener) }
        poke()
        ready.close()
        finished.wait()
        close(wake.read)
        close(wake.write)
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: The poll thread

    private func pollLoop() {
        var waiting: [Connection] = []
        var pollSet: [pollfd] = []
        while true {
            lock.lock()
            let stop = stopping
            let back = returned
            returned.removeAll()
            lock.unlock()
            if stop {
                for connection in waiting + back { close(connection.fd) }
                close(listener)
                return
            }
            let now = Self.now()
            for connection in back {
                connection.deadline = now + limits.headTimeout
                // A pipelined request may already be in the buffer.
                if !dispatch(connection) { waiting.append(connection) }
            }
            // Past their deadline: a half-sent or idle connection is closed (408 if it sent anything).
            waiting.removeAll { connection in
                guard connection.deadline <= now else { return false }
                if !connection.buffer.isEmpty { refuse(connection, .text(408, "request head not received in time", closes: true)) }
                else { close(connection.fd) }
                return true
            }
            let accepting = waiting.count + busyCount < limits.maxConnections
            pollSet.removeAll(keepingCapacity: true)
            pollSet.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
            pollSet.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            for connection in waiting { pollSet.append(pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)) }
            let nearest = waiting.map(\.deadline).min().map { max(0, $0 - now) } ?? 1
            let timeout = Int32(min(1000, nearest * 1000 + 1))
            let count = poll(&pollSet, nfds_t(pollSet.count), timeout)
            guard count > 0 else {
                // EINTR, or a failure that should not stop the server: try again shortly.
                if count < 0 && errno != EINTR { usleep(10_000) }
                continue
            }
            if pollSet[0].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while read(wake.read, &drain, drain.count) > 0 {}
            }
            var keep: [Connection] = []
            keep.reserveCapacity(waiting.count)
            for (index, connection) in waiting.enumerated() {
                let events = pollSet[index + 2].revents
                guard events != 0 else { keep.append(connection); continue }
                if receive(connection) && !dispatch(connection) { keep.append(connection) }
            }
            waiting = keep
            if accepting && pollSet[1].revents & Int16(POLLIN) != 0 { waiting += acceptAll() }
        }
    }

    private var busyCount: Int {
        lock.lock(); defer { lock.unlock() }
        return busy
    }

    private func acceptAll() -> [Connection] {
        var accepted: [Connection] = []
        let deadline = Self.now() + limits.headTimeout
        // The listener does not block: accept until the backlog is empty (or a batch is taken).
        while accepted.count < 64 {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { break }
            Socket.configure(fd, sendTimeoutSeconds: limits.sendTimeout)
            accepted.append(Connection(fd: fd, deadline: deadline))
        }
        return accepted
    }

    /// Reads what the socket has; false when the connection is finished (closed, failed, or
    /// answered with an error).
    private func receive(_ connection: Connection) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT)) }
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return true }
        guard n > 0 else {
            close(connection.fd)
            return false
        }
        connection.buffer += chunk[..<n]
        return true
    }

    /// Hands a complete request to the workers; true when the connection left the poll set.
    private func dispatch(_ connection: Connection) -> Bool {
        guard !connection.buffer.isEmpty else { return false }
        switch HTTPRequestParser.parse(connection.buffer) {
        case .incomplete:
            return false
        case .invalid(let status, let reason):
            refuse(connection, .text(status, reason, closes: true))
            return true
        case .request(let request, let consumed):
            connection.buffer.removeFirst(consumed)
            connection.request = request
            lock.lock(); busy += 1; lock.unlock()
            ready.put(connection)
            return true
        }
    }

    /// An error answer from the poll thread: small, sent without waiting, then the connection closes.
    private func refuse(_ connection: Connection, _ response: HTTPResponse) {
        _ = Socket.sendAll(connection.fd, response.serialized(includingBody: true), flags: Int32(MSG_DONTWAIT))
        shutdown(connection.fd, Int32(SHUT_WR))
        close(connection.fd)
    }

    // MARK: Workers

    private func answer(_ connection: Connection) {
        defer { lock.lock(); busy -= 1; lock.unlock() }
        guard let request = connection.request else { close(connection.fd); return }
        connection.request = nil
        switch handler(request) {
        case .eventStream(let events):
            events.attach(connection.fd)
        case .response(let response):
            let sent = Socket.sendAll(connection.fd, response.serialized(includingBody: request.method != "HEAD"))
            guard sent, !response.closes else {
                if sent { shutdown(connection.fd, Int32(SHUT_WR)) }
                close(connection.fd)
                return
            }
            lock.lock()
            let stop = stopping
            if !stop { returned.append(connection) }
            lock.unlock()
            if stop { close(connection.fd) } else { poke() }
        }
    }
}

/// A blocking queue for the workers; `take` returns nil once it is closed.
final class WorkQueue<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var closed = false

    func put(_ item: Item) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    func take() -> Item? {
        condition.lock(); defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    var count: Int {
        condition.lock(); defer { condition.unlock() }
        return items.count - head
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

#if canImport(Glibc)
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
private let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif
