import SitegenEmbedded
import SitegenModel
import SitegenSource

/// The CLI's grammar, kept in the library so tests can call it; the executable only reads the
/// arguments, calls `run` and exits.
public enum CommandLineInterface {
    public static let version = "0.1.0"

    /// What `--version` prints: the version and the git commit the executable was built from.
    public static var versionLine: String {
        "sitegen \(version) (commit \(BuildIdentity.commit.prefix(12)))"
    }

    public enum Command: Equatable, Sendable {
        case build, check, snippets, did, serve
        /// `sitegen init DIR`.
        case initialize
    }

    /// Each command as typed.
    static let commands: [(name: String, command: Command)] = [
        ("build", .build), ("check", .check), ("snippets", .snippets), ("did", .did), ("init", .initialize),
        ("serve", .serve),
    ]

    public struct Invocation: Sendable {
        public var command: Command
        public var options = BuildOptions()
        public var quiet = false
        public var format = SnippetFormat.text
        public var ids: [String] = []
        /// The folder `init` makes the site in.
        public var directory: String?
        /// Problems printed in full before the rest are only counted (`--max-errors`; 0: all).
        public var maxErrors = 100
        /// `serve`: the address and port to listen on (port 0: any free one).
        public var bind = "127.0.0.1"
        public var port = 1313
    }

    public enum Parsed: Sendable {
        case run(Invocation)
        /// Text for stdout, exit 0 (--help, --version).
        case message(String)
        /// A usage error, exit 2.
        case usage(String)
    }

    static let usage = """
    usage: sitegen build    [--content DIR] [--themes DIR] [--theme NAME] [--output DIR] [--base-url URL]
                            [--date YYYY-MM-DD] [--jobs N] [--shard K/N] [--force] [--quiet] [--max-errors N]
           sitegen check    [--content DIR] [--themes DIR] [--max-errors N]
           sitegen snippets [--content DIR] [--themes DIR] [--format text|json|csv] [--date YYYY-MM-DD]
                            [--base-url URL] [--max-errors N] [AWARD_OR_HOLDER_ID...]
           sitegen did      [--content DIR] [--base-url URL] [--format text|json]
           sitegen init     DIR
           sitegen serve    [--content DIR] [--themes DIR] [--theme NAME] [--output DIR] [--base-url URL]
                            [--date YYYY-MM-DD] [--jobs N] [--max-errors N] [--bind ADDRESS] [--port N]
           sitegen --version
           sitegen help     [COMMAND]
    """

    static let help: [Command: String] = [
        .build: """
        usage: sitegen build [options]
        Builds the content folder into a static web root.
          --content DIR      content folder (default: Content)
          --themes DIR       themes folder (default: Themes), searched before the built-in themes
          --theme NAME       theme to use (default: the site's 'theme', else default)
          --output DIR       web root to write (default: Output); a non-empty folder sitegen
                             did not make is refused
          --force            write into such a folder anyway (only files sitegen wrote are ever removed)
          --base-url URL     override site.base_url (previews, tests)
          --date YYYY-MM-DD  the build's today, for expiry (default: SOURCE_DATE_EPOCH, else the clock)
          --jobs N           threads that render and write (default: the number of cores)
          --shard K/N        build only shard K of N of the awards and holders (shared pages in shard 1)
          --quiet            no progress line
          --max-errors N     print the first N problems in full, then only count the rest per
                             kind and file (default: 100; 0: print every one)
        The issuer's signing key is SITEGEN_SIGNING_KEY, else .sitegen-signing-key in the content
        folder, created (owner-only) by the first build: back it up, keep it out of version control.
        Exit status: 0 built, 1 content or theme errors, 2 usage errors.
        """,
        .check: """
        usage: sitegen check [--content DIR] [--themes DIR] [--max-errors N]
        Loads, decodes and validates the content and the theme, and the signing key if there is
        one (SITEGEN_SIGNING_KEY or the key file); writes nothing, and makes no key.
          --content DIR      content folder (default: Content)
          --themes DIR       themes folder (default: Themes), searched before the built-in themes
          --max-errors N     print the first N problems in full, then only count the rest per
                             kind and file (default: 100; 0: print every one)
        Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage errors.
        """,
        .snippets: """
        usage: sitegen snippets [options] [AWARD_OR_HOLDER_ID...]
        Prints each published award's URL, share links and embed codes (all awards, or those of
        the given award or holder ids). csv adds the holder's email for a mail merge: it goes to
        stdout only, never into the web root.
          --content DIR      content folder (default: Content)
          --themes DIR       themes folder (default: Themes), for the strings of the share texts
          --format FORMAT    text (default), json or csv
          --date YYYY-MM-DD  the day taken for today, for expiry, as for build
          --base-url URL     override site.base_url, as for build
          --max-errors N     print the first N problems in full, then only count the rest per
                             kind and file (default: 100; 0: print every one)
        Exit status: 0 printed, 1 content or theme errors, 2 usage errors.
        """,
        .did: """
        usage: sitegen did [--content DIR] [--base-url URL] [--format text|json]
        Prints the issuer's did:web DID (from base_url), the verification method credentials name,
        its public key (publicKeyMultibase) and where the DID document is published, plus the
        site's retired keys. The key comes from SITEGEN_SIGNING_KEY, else the content folder's
        .sitegen-signing-key (made by `sitegen build`; this command creates nothing). The secret
        key is never printed.
          --content DIR      content folder (default: Content)
          --base-url URL     override site.base_url, as for build
          --format FORMAT    text (default) or json
        Exit status: 0 printed, 1 content errors or no usable key, 2 usage errors.
        """,
        .initialize: """
        usage: sitegen init DIR
        Makes a new site in DIR, which must be new or empty: Content/ with site.yaml, an issuer,
        a badge with PNG art and one with SVG art, holders in YAML and a JSON export, and a
        .gitignore for the secret, the signing key and the output, and a README. It checks and
        builds as it is: cd DIR && sitegen build. Pages use the built-in default theme.
        Exit status: 0 made, 1 DIR not empty or not writable, 2 usage errors.
        """,
        .serve: """
        usage: sitegen serve [options]
        Builds the site into a preview folder, serves it over HTTP, rebuilds whenever the content
        or the themes change, and reloads open pages. The output folder is never written: the
        preview lives in its state folder (.sitegen/<output name>/preview, beside it). While a
        change does not build, the last good build stays served and the errors show over the
        open pages. Ctrl-C stops it.
          --bind ADDRESS     IPv4 or IPv6 address to listen on (default: 127.0.0.1)
          --port N           port (default: 1313; 0: any free port)
          --base-url URL     the URL the pages name (default: http://ADDRESS:PORT/)
          --content DIR      content folder (default: Content)
          --themes DIR       themes folder (default: Themes), searched before the built-in themes
          --theme NAME       theme to use (default: the site's 'theme', else default)
          --output DIR       the output folder whose state folder holds the preview (default: Output)
          --date YYYY-MM-DD  the build's today, for expiry (default: SOURCE_DATE_EPOCH, else the clock)
          --jobs N           threads (default: the number of cores)
          --max-errors N     print the first N problems in full, then only count the rest
        Exit status: 0 stopped, 1 could not listen, 2 usage errors.
        """,
    ]

    /// The options each command takes, each listed in its usage line and its help.
    static func options(of command: Command) -> Set<String> {
        switch command {
        case .build: ["--content", "--themes", "--theme", "--output", "--base-url", "--date", "--jobs", "--shard", "--force", "--quiet", "--max-errors"]
        case .check: ["--content", "--themes", "--max-errors"]
        case .snippets: ["--content", "--themes", "--format", "--date", "--base-url", "--max-errors"]
        case .did: ["--content", "--base-url", "--format"]
        case .initialize: []
        case .serve: ["--content", "--themes", "--theme", "--output", "--base-url", "--date", "--jobs", "--max-errors", "--bind", "--port"]
        }
    }

    public static func parse(_ arguments: [String]) -> Parsed {
        guard let first = arguments.first else { return .usage(usage) }
        switch first {
        case "--version", "-V": return .message(versionLine)
        case "--help", "-h": return .message(usage)
        case "help":
            let topics = arguments.dropFirst()
            guard let topic = topics.first else { return .message(usage) }
            guard topics.count == 1, let command = commands.first(where: { $0.name == topic })?.command else {
                return .usage("sitegen help: no command '\(topics.joined(separator: " "))'\n\(usage)")
            }
            return .message(help[command]!)
        default: break
        }
        guard let command = commands.first(where: { $0.name == first })?.command else {
            return .usage("sitegen: unknown command '\(first)'\n\(usage)")
        }
        var invocation = Invocation(command: command)
        var rest = arguments.dropFirst()
        let allowed = options(of: command)
        while let argument = rest.popFirst() {
            if argument == "--help" || argument == "-h" { return .message(help[command]!) }
            if !argument.hasPrefix("--") || argument == "--" {
                switch command {
                case .snippets where argument != "--": invocation.ids.append(argument)
                case .initialize where invocation.directory == nil && argument != "--": invocation.directory = argument
                default: return .usage("sitegen \(first): unexpected argument '\(argument)'")
                }
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard allowed.contains(name) else { return .usage("sitegen \(first): unknown option '\(name)'\n\(usage)") }
            if name == "--force" || name == "--quiet" {
                guard inlineValue == nil else { return .usage("sitegen \(first): \(name) takes no value") }
                if name == "--force" { invocation.options.force = true } else { invocation.quiet = true }
                continue
            }
            guard let value = inlineValue ?? rest.popFirst() else { return .usage("sitegen \(first): \(name) needs a value") }
            switch name {
            case "--content": invocation.options.contentDirectory = value
            case "--themes":
                invocation.options.themesDirectory = value
                invocation.options.themesDirectoryGiven = true
            case "--theme": invocation.options.themeName = value
            case "--output": invocation.options.outputDirectory = value
            case "--base-url":
                guard WebAddress.isAbsoluteHTTP(value) else { return .usage("sitegen \(first): --base-url must be an absolute http(s) URL") }
                do throws(DIDWeb.Problem) {
                    _ = try DIDWeb(baseURL: value)
                } catch {
                    return .usage("sitegen \(first): --base-url gives no did:web DID for the issuer: \(error)")
                }
                invocation.options.baseURL = value.hasSuffix("/") ? value : value + "/"
            case "--date":
                guard let day = Day(iso: value) else { return .usage("sitegen \(first): --date must be a real date written YYYY-MM-DD") }
                invocation.options.date = day
            case "--jobs":
                guard let jobs = Int(value), (1...256).contains(jobs) else { return .usage("sitegen \(first): --jobs must be a number from 1 to 256") }
                invocation.options.jobs = jobs
            case "--shard":
                let parts = value.split(separator: "/")
                guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), let shard = Shard(index: k, count: n) else {
                    return .usage("sitegen \(first): --shard must be K/N with 1 ≤ K ≤ N")
                }
                invocation.options.shard = shard
            case "--bind": invocation.bind = value
            case "--port":
                guard let port = Int(value), (0...65535).contains(port) else { return .usage("sitegen \(first): --port must be a number from 0 to 65535") }
                invocation.port = port
            case "--max-errors":
                guard let n = Int(value), n >= 0 else { return .usage("sitegen \(first): --max-errors must be a number, 0 for no limit") }
                invocation.maxErrors = n
            case "--format":
                guard let format = SnippetFormat(rawValue: value), command != .did || format != .csv else {
                    return .usage("sitegen \(first): --format must be \(command == .did ? "text or json" : "text, json or csv")")
                }
                invocation.format = format
            default: break
            }
        }
        if command == .initialize && invocation.directory == nil {
            return .usage("sitegen init: name the folder to make the site in: sitegen init DIR")
        }
        return .run(invocation)
    }
}
