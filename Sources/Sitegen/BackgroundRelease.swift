import Dispatch

/// Frees what a build made on a background thread, off the critical path: the plan and its
/// views are millions of objects, and releasing them one by one took a large share of a big
/// build's last step. The command line prints its report while this runs, and the process
/// exits without waiting for it.
enum BackgroundRelease {
    static func drop(_ built: Built) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(built) {} }
    }
}
