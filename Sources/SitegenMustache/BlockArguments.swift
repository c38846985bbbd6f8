/// The blocks a parent tag gives (`{{<layout}}{{$content}}…{{/content}}{{/layout}}`), while the
/// parent renders.
struct ArgumentFrame {
    var program: TemplateProgram
    var set: Int
}

/// Where a block's body comes from: an argument of an enclosing parent, else its default.
struct BlockBody {
    var program: TemplateProgram
    var start: Int
    var end: Int
    /// Whether the body begins at the start of a template line.
    var startsOnNewLine: Bool
}

extension Array where Element == ArgumentFrame {
    /// The body of `block`, declared by operation `index` of `program`. Frames are outermost
    /// first, and the outermost parent that gives the block wins.
    func body(of block: BlockEntry, in program: TemplateProgram, at index: Int) -> BlockBody {
        for frame in self {
            if let argument = frame.program.argumentSets[frame.set][block.name] {
                return BlockBody(program: frame.program, start: argument.start, end: argument.end,
                                 startsOnNewLine: argument.startsOnNewLine)
            }
        }
        return BlockBody(program: program, start: index + 1, end: program.operations[index].b,
                         startsOnNewLine: block.startsOnNewLine)
    }
}
