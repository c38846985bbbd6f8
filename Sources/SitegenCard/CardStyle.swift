import SitegenSource

/// How a theme draws its link-preview cards: colours, where the badge and the text go, the text
/// sizes and the fonts in order of preference, read from the theme's `card.yaml`
/// (docs/themes.md, "Link-preview cards"). A key left out keeps its default.
public struct CardStyle: Sendable, Equatable {
    /// The card's size is fixed: what LinkedIn, X and Facebook show at full width (1.91:1).
    public static let width = 1200
    public static let height = 630

    public var background = CardColor(red: 0xF4, green: 0xF6, blue: 0xFA)
    /// A bar along the bottom edge; height 0 draws none.
    public var accent = CardColor(red: 0x1F, green: 0x4E, blue: 0x79)
    public var accentHeight = 16
    public var nameColor = CardColor(red: 0x14, green: 0x21, blue: 0x3D)
    public var issuerColor = CardColor(red: 0x4A, green: 0x55, blue: 0x68)
    /// The badge's artwork is fitted into this box, centred, its aspect ratio kept.
    public var badgeBox = CardBox(x: 80, y: 95, width: 440, height: 440)
    /// The name and issuer, as one block centred vertically in this box, left-aligned.
    public var textBox = CardBox(x: 580, y: 70, width: 560, height: 470)
    /// The name is set at the largest size from `nameSize` down to `nameMinSize` (in steps of
    /// 4 px) at which it fits in `nameMaxLines` lines; at the smallest, further lines are cut
    /// and the last one ends with an ellipsis.
    public var nameSize = 64
    public var nameMinSize = 40
    public var nameMaxLines = 4
    public var issuerSize = 30
    /// Font files of the theme's `fonts/` folder, in order of preference: each character is set
    /// in the first that has it.
    public var nameFonts: [String] = []
    public var issuerFonts: [String] = []

    public init() {}

    /// The style in `node` (the parsed `card.yaml`): every problem is a located error.
    public static func read(_ node: SourceNode, diagnostics: inout Diagnostics) -> CardStyle {
        var style = CardStyle()
        guard case .mapping(let entries) = node.value else {
            diagnostics.error("the card style must be a mapping of key to value", at: node.location)
            return style
        }
        for entry in entries {
            let value = entry.value
            func color(_ target: inout CardColor) {
                guard case .string(let text) = value.value, let parsed = CardColor(hex: text) else {
                    return diagnostics.error("'\(entry.key)' must be a colour written \"#rrggbb\" or \"#rgb\"", at: value.location)
                }
                target = parsed
            }
            func number(_ target: inout Int, _ range: ClosedRange<Int>) {
                guard case .number(let text) = value.value, let parsed = Int(text), range.contains(parsed) else {
                    return diagnostics.error("'\(entry.key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: value.location)
                }
                target = parsed
            }
            func box(_ target: inout CardBox) {
                guard case .sequence(let items) = value.value, items.count == 4,
                      case let numbers = items.compactMap({ item -> Int? in if case .number(let t) = item.value { return Int(t) } else { return nil } }),
                      numbers.count == 4, numbers[0] >= 0, numbers[1] >= 0, numbers[2] >= 16, numbers[3] >= 16,
                      numbers[0] + numbers[2] <= width, numbers[1] + numbers[3] <= height else {
                    return diagnostics.error("'\(entry.key)' must be [x, y, width, height] in whole pixels, inside the \(width)×\(height) card, at least 16×16", at: value.location)
                }
                target = CardBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
            }
            func fonts(_ target: inout [String]) {
                guard case .sequence(let items) = value.value,
                      case let names = items.compactMap({ item -> String? in if case .string(let t) = item.value { return t } else { return nil } }),
                      names.count == items.count, !names.isEmpty else {
                    return diagnostics.error("'\(entry.key)' must be a list of font file names of the theme's fonts/ folder", at: value.location)
                }
                target = names
            }
            switch entry.key {
            case "background": color(&style.background)
            case "accent": color(&style.accent)
            case "accent_height": number(&style.accentHeight, 0...height)
            case "name_color": color(&style.nameColor)
            case "issuer_color": color(&style.issuerColor)
            case "badge_box": box(&style.badgeBox)
            case "text_box": box(&style.textBox)
            case "name_size": number(&style.nameSize, 8...200)
            case "name_min_size": number(&style.nameMinSize, 8...200)
            case "name_max_lines": number(&style.nameMaxLines, 1...10)
            case "issuer_size": number(&style.issuerSize, 8...200)
            case "name_fonts": fonts(&style.nameFonts)
            case "issuer_fonts": fonts(&style.issuerFonts)
            default:
                diagnostics.error("unknown card style key '\(entry.key)' (known: \(knownKeys.joined(separator: ", ")))", at: entry.keyLocation)
            }
        }
        if style.nameMinSize > style.nameSize {
            diagnostics.error("'name_min_size' \(style.nameMinSize) is larger than 'name_size' \(style.nameSize)", at: node.location)
        }
        return style
    }

    static let knownKeys = ["background", "accent", "accent_height", "name_color", "issuer_color", "badge_box", "text_box",
                            "name_size", "name_min_size", "name_max_lines", "issuer_size", "name_fonts", "issuer_fonts"]
}
