/// The keywords a node may hold, as bits: which were seen, without a set of strings.
struct Keywords: OptionSet {
    let rawValue: UInt8
    static let id = Keywords(rawValue: 1)
    static let type = Keywords(rawValue: 2)
    static let value = Keywords(rawValue: 4)
    static let list = Keywords(rawValue: 8)
    static let graph = Keywords(rawValue: 16)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Empty for a keyword a node may not hold here.
    init(_ keyword: String) {
        switch keyword {
        case "@id": self = .id
        case "@type": self = .type
        case "@value": self = .value
        case "@list": self = .list
        case "@graph": self = .graph
        default: self = []
        }
    }

}
