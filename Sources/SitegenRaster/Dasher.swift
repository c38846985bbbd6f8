/// Cuts polylines into the dashes of `stroke-dasharray`, starting `offset` into the pattern
/// for every sub-path. A dash of zero length is kept as two coincident points plus its direction
/// so that round and square caps can still draw it. On a closed sub-path whose pattern is "on"
/// both where it starts and where it ends, the last and first dashes are one dash turning the
/// corner (with a join, not two caps), as cairo and browsers draw it.
enum Dasher {
    static func dash(_ lines: [Polyline], pattern raw: [Double], offset: Double) -> [Polyline] {
        var pattern = raw
        if pattern.count % 2 == 1 { pattern += pattern }
        let total = pattern.reduce(0, +)
        guard total > 0, pattern.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return lines }
        var out: [Polyline] = []
        for line in lines {
            var points = line.points
            if line.closed, let first = points.first { points.append(first) }
            guard points.count >= 2 else { continue }
            // Where in the pattern the sub-path starts.
            var phase = offset.truncatingRemainder(dividingBy: total)
            if phase < 0 { phase += total }
            var index = 0
            while phase >= pattern[index] {
                phase -= pattern[index]
                index = (index + 1) % pattern.count
            }
            var remaining = pattern[index] - phase
            var on = index % 2 == 0
            var current: [Point] = on ? [points[0]] : []
            let startsOn = on
            let firstDash = out.count
            var dashesEmitted = 0
            for i in 0..<(points.count - 1) {
                var a = points[i]
                let b = points[i + 1]
                var segment = (b - a).length
                let direction = (b - a).normalized
                while segment > remaining {
                    let cut = a + direction * remaining
                    if on {
                        current.append(cut)
                        if current.count == 1 { current.append(cut + direction * 1e-9) }
                        out.append(Polyline(points: current, closed: false))
                        current = []
                    } else {
                        current = [cut]
                    }
                    segment -= remaining
                    a = cut
                    on.toggle()
                    index = (index + 1) % pattern.count
                    remaining = pattern[index]
                    dashesEmitted += 1
                    // A guard against absurdly fine patterns on long paths.
                    if dashesEmitted > 200_000 { return out }
                }
                remaining -= segment
                if on { current.append(b) }
            }
            if on && current.count >= 2 {
                if line.closed && startsOn && firstDash < out.count {
                    out[firstDash].points = current + out[firstDash].points.dropFirst()
                } else {
                    out.append(Polyline(points: current, closed: false))
                }
            }
        }
        return out
    }
}
