#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket calls the server makes, over Glibc (Foundation has no server on Linux).
enum Socket {
    /// No SIGPIPE from a send to a closed peer: the send fails with EPIPE instead.
    #if canImport(Darwin)
    static let noSignal: Int32 = 0
    #else
    static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// `what`, and why: the system's reason for the last call's failure.
        init(_ what: String) { description = "\(what): \(String(cString: strerror(errno)))" }
        init(plain: String) { description = plain }
    }

    /// A listening TCP socket on `address:port` (IPv4 or IPv6 literal; port 0: any free port),
    /// and the port it got.
    static func listening(address: String, port: Int) throws(Failure) -> (fd: Int32, port: Int) {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, address, &v4.sin_addr) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 {
            family = AF_INET6
        } else {
            throw Failure(plain: "cannot listen on '\(address)': not an IPv4 or IPv6 address")
        }
        #if canImport(Darwin)
        let fd = socket(family, SOCK_STREAM, 0)
        #else
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard fd >= 0 else { throw Failure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if family == AF_INET {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            bound = withUnsafePointer(to: &v4) { bind(fd, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } else {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            bound = withUnsafePointer(to: &v6) { bind(fd, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        guard bound == 0 else {
            let failure = Failure("cannot listen on \(address):\(port)")
            close(fd)
            throw failure
        }
        guard listen(fd, 512) == 0 else {
            let failure = Failure("listen")
            close(fd)
            throw failure
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { getsockname(fd, UnsafeMutableRawPointer($0).assumingMemoryBound(to: sockaddr.self), &length) }
        let actual = withUnsafePointer(to: &storage) { pointer -> UInt16 in
            let raw = UnsafeRawPointer(pointer)
            return family == AF_INET ? UInt16(bigEndian: raw.assumingMemoryBound(to: sockaddr_in.self).pointee.sin_port)
                : UInt16(bigEndian: raw.assumingMemoryBound(to: sockaddr_in6.self).pointee.sin6_port)
        }
        return (fd, Int(actual))
    }

    /// Settings for an accepted connection: close on exec, no Nagle delay (each response goes
    /// out in one write), and a send timeout so a client that stops reading frees its worker.
    static func configure(_ fd: Int32, sendTimeoutSeconds: Int) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        // BSD sockets inherit the listener's O_NONBLOCK; workers write blocking, up to the timeout.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: sendTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends every byte (blocking, up to the send timeout); false when the peer is gone or slow.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], flags: Int32 = 0) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + done, $0.count - done, noSignal | flags) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
