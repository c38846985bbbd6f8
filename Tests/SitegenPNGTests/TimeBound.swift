import Foundation
@testable import SitegenPNG

/// Runs a decode on its own thread and waits at most `seconds` for it, so a decoder that loops
/// forever fails its test instead of hanging the suite (the stuck thread is abandoned).
enum TimeBound {
    enum Outcome {
        case decoded(RGBAImage)
        case refused(PNGError)
        case timedOut
    }

    private final class Box: @unchecked Sendable {
        var outcome: Outcome = .timedOut
    }

    static func decode(_ png: [UInt8], within seconds: Double, maxPixels: Int = PNGImage.defaultMaxPixels) -> Outcome {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do throws(PNGError) {
                box.outcome = .decoded(try PNGImage.decode(png, maxPixels: maxPixels))
            } catch {
                box.outcome = .refused(error)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success else { return .timedOut }
        return box.outcome
    }
}
