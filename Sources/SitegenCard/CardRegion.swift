/// The box of a card that drawing may have changed: the text reports it so that the card
/// recompresses only the strips of its rows and filters again only its columns there.
struct CardRegion: Equatable, Sendable {
    var rows: Range<Int>
    var columns: Range<Int>

    static let empty = CardRegion(rows: 0..<0, columns: 0..<0)

    var isEmpty: Bool { rows.isEmpty || columns.isEmpty }

    /// Whether every pixel of `other` is inside: an empty region is inside any.
    func contains(_ other: CardRegion) -> Bool {
        other.isEmpty || (rows.lowerBound <= other.rows.lowerBound && other.rows.upperBound <= rows.upperBound
                          && columns.lowerBound <= other.columns.lowerBound && other.columns.upperBound <= columns.upperBound)
    }

    /// The smallest box holding both.
    func union(_ other: CardRegion) -> CardRegion {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return CardRegion(rows: min(rows.lowerBound, other.rows.lowerBound)..<max(rows.upperBound, other.rows.upperBound),
                          columns: min(columns.lowerBound, other.columns.lowerBound)..<max(columns.upperBound, other.columns.upperBound))
    }
}
