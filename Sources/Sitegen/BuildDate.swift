import Foundation
import SitegenModel

/// The build's notion of today: `--date`, else SOURCE_DATE_EPOCH (its UTC day), else the clock.
enum BuildDate {
    static func today(option: Day?, environment: [String: String]) -> Result<Day, BuildError> {
        if let option { return .success(option) }
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(epoch.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                return .failure(BuildError("SOURCE_DATE_EPOCH must be a whole number of seconds, found '\(epoch)'"))
            }
            return .success(Day(daysSinceEpoch: seconds / 86_400))
        }
        return .success(Day(daysSinceEpoch: Int(Date().timeIntervalSince1970) / 86_400))
    }
}

/// A problem of the run itself rather than of a content file.
struct BuildError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
