import Foundation
import SitegenModel

/// Dates as each locale writes them ("May 1, 2024", "2024年5月1日", "1 mai 2024"), through
/// Foundation's ICU formatting. Formatted once per distinct day and locale: DateFormatter is
/// slow and not meant to be shared across threads, and a site has far fewer days than awards.
public struct DateTexts: Sendable {
    private let table: [String: [Day: String]]

    public init(days: Set<Day>, locales: [String]) {
        var table: [String: [Day: String]] = [:]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for locale in locales {
            let formatter = DateFormatter()
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.locale = Locale(identifier: locale)
            formatter.dateStyle = .long
            formatter.timeStyle = .none
            var texts: [Day: String] = [:]
            texts.reserveCapacity(days.count)
            for day in days {
                let components = DateComponents(year: day.year, month: day.month, day: day.day)
                texts[day] = calendar.date(from: components).map { formatter.string(from: $0) } ?? day.description
            }
            table[locale] = texts
        }
        self.table = table
    }

    public func text(_ day: Day, _ locale: String) -> String {
        table[locale]?[day] ?? day.description
    }
}
