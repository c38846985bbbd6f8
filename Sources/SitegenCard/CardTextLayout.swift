import SitegenFont

/// The name and issuer set in lines for the card's text box: each line a list of runs, each run
/// in the first face of its list that has all of its characters (a Latin face, then CJK ones).
struct CardTextLayout: Sendable, Equatable {
    struct Run: Sendable, Equatable {
        var text: String
        var face: Int
        var x: Double
    }

    struct Line: Sendable, Equatable {
        var runs: [Run]
        var baseline: Double
        var size: Double
        var issuer: Bool
    }

    var lines: [Line]
}

/// Which characters cannot be set: the reason a card goes without text.
public struct MissingCardGlyphs: Error, Equatable, CustomStringConvertible {
    public let characters: [Unicode.Scalar]

    public var description: String {
        characters.map { "'\($0)' (U+\(String($0.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")
    }
}

/// Lays out names in a list of faces.
struct FaceRuns {
    let faces: [TrueTypeFont]

    /// `text` cut where the face changes; spaces go with the run before them.
    func runs(_ text: String) throws(MissingCardGlyphs) -> [(text: String, face: Int)] {
        var runs: [(text: String, face: Int)] = []
        var missing: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            let current = runs.last?.face
            let face: Int?
            if let current, scalar == " " || faces[current].glyph(for: scalar) != nil {
                face = current
            } else {
                face = faces.firstIndex { $0.glyph(for: scalar) != nil }
            }
            guard let face else {
                if !missing.contains(scalar) { missing.append(scalar) }
                continue
            }
            if face == current { runs[runs.count - 1].text.unicodeScalars.append(scalar) } else { runs.append((String(scalar), face)) }
        }
        guard missing.isEmpty else { throw MissingCardGlyphs(characters: missing) }
        return runs
    }

    /// The width of `text` at `size`, each run in its face (no kerning across a change of face).
    func width(_ text: String, size: Double) -> Double {
        guard let runs = try? runs(text) else { return .infinity }
        return runs.reduce(0) { total, run in total + ((try? faces[run.face].layout(run.text, size: size).width) ?? .infinity) }
    }

    /// Lines no wider than `maxWidth`: breaks at spaces and beside CJK characters, as
    /// `TrueTypeFont.breakLines` does; a word wider than the line stays whole.
    func breakLines(_ text: String, size: Double, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for chunk in Self.chunks(text) {
            let candidate = line + chunk
            if !line.isEmpty, width(trimmed(candidate), size: size) > maxWidth {
                lines.append(trimmed(line))
                line = String(chunk.drop { $0 == " " })
            } else {
                line = candidate
            }
        }
        if !trimmed(line).isEmpty || lines.isEmpty { lines.append(trimmed(line)) }
        return lines
    }

    /// Where lines may break: `LineBreaks`' places, except between two hangul syllables, since
    /// Korean breaks between words (at spaces), not inside them, and the basic kinsoku rules of
    /// Japanese and Chinese: no line starts with a closing mark, small kana or the long-vowel
    /// mark, and none ends with an opening bracket.
    static func chunks(_ text: String) -> [String] {
        var merged: [String] = []
        for chunk in LineBreaks.chunks(text) {
            if let last = merged.last?.unicodeScalars.last, let first = chunk.unicodeScalars.first,
               (isHangul(last) && isHangul(first)) || noLineStart.contains(first) || noLineEnd.contains(last) {
                merged[merged.count - 1] += chunk
            } else {
                merged.append(chunk)
            }
        }
        return merged
    }

    static let noLineStart = Set("ー〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ、。，．・：；？！）」』】〕〉》〙〗｝］ヽヾゝゞ々,.:;?!)]}".unicodeScalars)
    static let noLineEnd = Set("（「『【〔〈《〘〖｛［([{".unicodeScalars)

    static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7AF).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value) || (0x3130...0x318F).contains(scalar.value)
    }

    /// `line` shortened until it fits with an ellipsis after it.
    func ellipsized(_ line: String, size: Double, maxWidth: Double) -> String {
        let ellipsis = faces.contains { $0.glyph(for: "…") != nil } ? "…" : "..."
        var text = line
        while !text.isEmpty, width(trimmed(text) + ellipsis, size: size) > maxWidth { text.removeLast() }
        return trimmed(text) + ellipsis
    }

    func trimmed(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Ascent and descent of the first face at `size`, for line placement.
    func extent(size: Double) -> (ascent: Double, descent: Double) {
        guard let face = faces.first else { return (size * 0.8, size * 0.2) }
        let scale = size / Double(face.unitsPerEm)
        return (Double(face.ascender) * scale, Double(-face.descender) * scale)
    }
}

extension CardDesign {
    /// The name (and issuer, when given) laid out in the text box, or the characters that no
    /// font of the design has. Tabs and line breaks in the text are spaces here.
    func layout(name: String, issuer: String?) throws(MissingCardGlyphs) -> CardTextLayout {
        func flat(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.isWhitespace ? " " : $0 }))
                .split(separator: " ").joined(separator: " ")
        }
        let name = flat(name), issuer = issuer.map(flat)
        let names = FaceRuns(faces: nameFaces), issuers = FaceRuns(faces: issuerFaces)
        var missing: [Unicode.Scalar] = []
        do { _ = try names.runs(name) } catch { missing += error.characters }
        if let issuer { do { _ = try issuers.runs(issuer) } catch { missing += error.characters.filter { !missing.contains($0) } } }
        guard missing.isEmpty else { throw MissingCardGlyphs(characters: missing) }

        let box = style.textBox
        let maxWidth = Double(box.width)
        var size = Double(style.nameSize)
        var nameLines = names.breakLines(name, size: size, maxWidth: maxWidth)
        while nameLines.count > style.nameMaxLines && size - 4 >= Double(style.nameMinSize) {
            size -= 4
            nameLines = names.breakLines(name, size: size, maxWidth: maxWidth)
        }
        if nameLines.count > style.nameMaxLines {
            nameLines = Array(nameLines.prefix(style.nameMaxLines))
            nameLines[nameLines.count - 1] = names.ellipsized(nameLines[nameLines.count - 1], size: size, maxWidth: maxWidth)
        }
        let issuerSize = Double(style.issuerSize)
        var issuerLines = issuer.map { issuers.breakLines($0, size: issuerSize, maxWidth: maxWidth) } ?? []
        if issuerLines.count > 2 {
            issuerLines = [issuerLines[0], issuers.ellipsized(issuerLines[1], size: issuerSize, maxWidth: maxWidth)]
        }
        let nameStep = size * 1.2, issuerStep = issuerSize * 1.3
        let gap = issuerLines.isEmpty ? 0 : issuerSize * 0.9
        let nameExtent = names.extent(size: size), issuerExtent = issuers.extent(size: issuerSize)
        let height = nameExtent.ascent + Double(nameLines.count - 1) * nameStep + nameExtent.descent
            + (issuerLines.isEmpty ? 0 : gap + issuerExtent.ascent + Double(issuerLines.count - 1) * issuerStep + issuerExtent.descent)
        var baseline = Double(box.y) + max(0, (Double(box.height) - height) / 2) + nameExtent.ascent
        var lines: [CardTextLayout.Line] = []
        func place(_ text: String, in faces: FaceRuns, size: Double, issuer: Bool) {
            var x = Double(box.x)
            var runs: [CardTextLayout.Run] = []
            for run in (try? faces.runs(text)) ?? [] {
                runs.append(.init(text: run.text, face: run.face, x: x))
                x += (try? faces.faces[run.face].layout(run.text, size: size).width) ?? 0
            }
            lines.append(.init(runs: runs, baseline: baseline, size: size, issuer: issuer))
        }
        for (index, line) in nameLines.enumerated() {
            if index > 0 { baseline += nameStep }
            place(line, in: names, size: size, issuer: false)
        }
        if !issuerLines.isEmpty {
            baseline += nameExtent.descent + gap + issuerExtent.ascent
            for (index, line) in issuerLines.enumerated() {
                if index > 0 { baseline += issuerStep }
                place(line, in: issuers, size: issuerSize, issuer: true)
            }
        }
        return CardTextLayout(lines: lines)
    }
}
