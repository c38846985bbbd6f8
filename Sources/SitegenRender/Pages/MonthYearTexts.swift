import Foundation
import SitegenModel

/// "March 2026", "2026年3月": how LinkedIn's certification form asks for issue and expiration
/// dates, formatted once per distinct month and locale like `DateTexts`.
struct MonthYearTexts: Sendable {
    struct Month: Hashable, Sendable {
        var year: Int
        var month: Int
    }

    private let table: [String: [Month: String]]

    init(months: Set<Month>, locales: [String]) {
        var table: [String: [Month: String]] = [:]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        for locale in locales {
            let formatter = DateFormatter()
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.locale = Locale(identifier: locale)
            formatter.setLocalizedDateFormatFromTemplate("yMMMM")
            var texts: [Month: String] = [:]
            for month in months {
                let components = DateComponents(year: month.year, month: month.month, day: 1)
                texts[month] = calendar.date(from: components).map { formatter.string(from: $0) }
            }
            table[locale] = texts
        }
        self.table = table
    }

    /// The months of `locale` by `index`.
    func table(for locale: String) -> DenseTable<String> {
        var entries: [Int: String] = [:]
        for (month, text) in table[locale] ?? [:] { entries[month.year * 12 + month.month - 1] = text }
        return DenseTable(entries)
    }

    /// The key of a day's month in `table(for:)`.
    static func index(_ day: Day) -> Int { day.year * 12 + day.month - 1 }

    func text(_ day: Day, _ locale: String) -> String {
        table[locale]?[Month(year: day.year, month: day.month)] ?? String(day.description.prefix(7))
    }
}
