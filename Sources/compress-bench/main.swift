import Foundation
import SitegenCompress
import SitegenDigest

// Compression ratio against zlib level 6 (Python's zlib) and throughput, in a release build:
//   swift run -c release compress-bench
//   swift run -c release compress-bench random    (only the inputs whose name contains "random")
//   swift run -c release compress-bench card default    (and only that level)
// Times are CPU time of the timing thread (best of several rounds). Prints a table; writes nothing.

//   swift run -c release compress-bench --files A B …    (each file's bytes, e.g. a PNG's inflated IDAT)
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--files" {
    for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
        report(path, [UInt8](data), rounds: 3)
    }
    exit(0)
}
let only = arguments.first
let onlyLevel = arguments.dropFirst().first

/// CPU seconds of this thread: on a shared machine, wall time would count other people's jobs.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

/// Best of `rounds` timings, to keep other people's jobs on the shared machine out of the figure.
func bestTime(rounds: Int, _ body: () -> Void) -> Double {
    (0..<rounds).map { _ in seconds(body) }.min()!
}

/// zlib -6 sizes (zlib, gzip) and its compress/decompress seconds, from Python.
func zlibReference(_ data: [UInt8]) -> (zlib: Int, gzip: Int, compress: Double, decompress: Double)? {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("compress-bench-\(getpid()).bin")
    defer { try? FileManager.default.removeItem(at: file) }
    guard (try? Data(data).write(to: file)) != nil else { return nil }
    let script = """
    import gzip, sys, time, zlib
    d = open(sys.argv[1], 'rb').read()
    z = zlib.compress(d, 6)
    def best(f):
        t = []
        for _ in range(5):
            s = time.thread_time(); f(); t.append(time.thread_time() - s)
        return min(t)
    print(len(z), len(gzip.compress(d, 6, mtime=0)), best(lambda: zlib.compress(d, 6)), best(lambda: zlib.decompress(z)))
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    guard fields.count == 4, let z = Int(fields[0]), let g = Int(fields[1]), let c = Double(fields[2]), let d = Double(fields[3]) else { return nil }
    return (z, g, c, d)
}

func report(_ name: String, _ data: [UInt8], rounds: Int, only: String? = nil, onlyLevel: String? = nil) {
    if let only, !name.contains(only) { return }
    let mb = Double(data.count) / 1e6
    print("\n\(name): \(data.count) bytes")
    let reference = zlibReference(data)
    for (levelName, level) in [("fastest", Deflate.Level.fastest), ("default", .default), ("smallest", .smallest)]
        where onlyLevel == nil || onlyLevel == levelName {
        var zlib: [UInt8] = []
        let compressTime = bestTime(rounds: rounds) { zlib = ZlibStream.compress(data, level: level) }
        var restored: [UInt8] = []
        let inflateTime = bestTime(rounds: rounds) { restored = (try? ZlibStream.decompress(zlib)) ?? [] }
        precondition(restored == data, "round trip failed")
        let gzip = GzipStream.compress(data, level: level)
        var ratio = ""
        if let reference { ratio = String(format: "  = %.3f× zlib -6 (%d)", Double(zlib.count) / Double(reference.zlib), reference.zlib) }
        print(String(format: "  %-8@ zlib %8d B  gzip %8d B%@   deflate %7.1f MB/s   inflate %7.1f MB/s",
                     levelName as NSString, zlib.count, gzip.count, ratio as NSString, mb / compressTime, mb / inflateTime))
    }
    if let reference {
        print(String(format: "  zlib -6 (C, via Python): gzip %d B   deflate %7.1f MB/s   inflate %7.1f MB/s",
                     reference.gzip, mb / reference.compress, mb / reference.decompress))
    }
}

let width = 1200, height = 630
let card = SyntheticCard.filteredRows(SyntheticCard.pixels(width: width, height: height), width: width, height: height)
if let path = ProcessInfo.processInfo.environment["COMPRESS_BENCH_DUMP"] {
    try Data(card).write(to: URL(fileURLWithPath: path))  // for comparing with other tools by hand
}
report("1200×630 card, PNG-filtered RGB rows", card, rounds: 5, only: only, onlyLevel: onlyLevel)
if only == nil || only == "checksums" {
    var sink: UInt32 = 0
    let adler = bestTime(rounds: 20) { sink ^= Adler32.checksum(card) }
    let crc = bestTime(rounds: 20) { sink ^= CRC32.checksum(card) }
    print(String(format: "\nchecksums of the card rows: Adler-32 %.0f MB/s, CRC-32 %.0f MB/s (%u)",
                 Double(card.count) / 1e6 / adler, Double(card.count) / 1e6 / crc, sink))
}

var statusList = [UInt8](repeating: 0, count: 131_072 / 8)
for index in [3, 1_000, 77_777, 131_000] { statusList[index / 8] |= 0x80 >> UInt8(index % 8) }
report("Bitstring Status List, 131,072 entries, 4 revoked", statusList, rounds: 20, only: only, onlyLevel: onlyLevel)

struct XorShift {
    var state: UInt64 = 0x1234_5678
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}
var generator = XorShift()
let words = ["badge", "issuer", "award", "the", "of", "credential", "verify", "open", "status", "holder", "and", "a"]
var text: [UInt8] = []
while text.count < 2_000_000 { text += Array(words[Int(generator.next() % UInt64(words.count))].utf8) + [0x20] }
report("2 MB word text", text, rounds: 3, only: only, onlyLevel: onlyLevel)
let random = (0..<2_000_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
report("2 MB random bytes", random, rounds: 3, only: only, onlyLevel: onlyLevel)
