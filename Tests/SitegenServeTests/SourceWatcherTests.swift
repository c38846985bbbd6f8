import Dispatch
import Foundation
import Testing
@testable import SitegenServe

/// The watcher wakes for content, in new subfolders too, and not for scratch or hidden files.
@Suite struct SourceWatcherTests {
    @Test func wakesForContentButNotForScratchFiles() throws {
        let folder = TemporaryFolder()
        try folder.write("Content/holders/a.yaml", "name: A\n")
        let watcher = SourceWatcher(roots: [folder.path + "/Content"]) { SourceWatcher.isScratchFile($0) }
        let woke = DispatchSemaphore(value: 0)
        let results = Failures()
        Thread.detachNewThread {
            while watcher.waitForChange() {
                results.add("change")
                woke.signal()
            }
            results.add("stopped")
            woke.signal()
        }
        // Scratch and hidden files: no change.
        try folder.write("Content/holders/a.yaml~", "x")
        try folder.write("Content/holders/.a.yaml.swp", "x")
        try folder.write("Content/holders/b.yaml.tmp", "x")
        #expect(woke.wait(timeout: .now() + 0.6) == .timedOut, "woke for a scratch file")
        // An edit: one change for the burst.
        try folder.write("Content/holders/a.yaml", "name: B\n")
        #expect(woke.wait(timeout: .now() + 3) == .success)
        // A new folder is watched as soon as it appears.
        try folder.write("Content/images/new/logo.svg", "<svg/>")
        #expect(woke.wait(timeout: .now() + 3) == .success)
        Thread.sleep(forTimeInterval: 0.3)
        try folder.write("Content/images/new/logo.svg", "<svg></svg>")
        #expect(woke.wait(timeout: .now() + 3) == .success)
        watcher.stop()
        #expect(woke.wait(timeout: .now() + 3) == .success)
        #expect(results.all.last == "stopped")
    }
}
