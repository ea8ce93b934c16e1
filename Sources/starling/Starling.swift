import ArgumentParser
import Foundation
import Hummingbird
import Logging
import StarlingCore
import StarlingSQLite
import StarlingWeb

/// The `starling` command line: run the server, and administer a data directory.
@main
struct StarlingCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "starling",
        abstract: "A self-hosted social learning network for organizations.",
        version: version,
        subcommands: [Serve.self, Admin.self]
    )
}

/// Settings shared by every command that touches data. Each flag falls back to a `STARLING_*`
/// environment variable, then to a default.
struct DataOptions: ParsableArguments {
    @Option(help: "Data directory (env STARLING_DATA; default ./starling-data).")
    var data: String?

    @Option(help: "Instance name shown in the UI (env STARLING_NAME; default Starling).")
    var name: String?

    @Option(help: "Allow public posts readable signed out: true/false (env STARLING_PUBLIC_ACCESS; default false).")
    var publicAccess: Bool?

    @Option(help: "Longest post in characters (env STARLING_MAX_POST_LENGTH; default 500).")
    var maxPostLength: Int?

    @Option(help: "The URL people use to reach this server, for links (env STARLING_BASE_URL; default http://HOST:PORT).")
    var baseURL: String?

    @Option(help: "API requests per client in 5 minutes (env STARLING_API_RATE_LIMIT; default 300).")
    var apiRateLimit: Int?

    @Option(help: "The organization's time zone, an IANA name such as Europe/Berlin (env STARLING_TIME_ZONE; default UTC).")
    var timeZone: String?

    @Option(help: "Record who is active each day, for analytics: true/false (env STARLING_RECORD_ACTIVITY; default true).")
    var recordActivity: Bool?

    @Option(help: "Days activity records are kept for analytics (env STARLING_ACTIVITY_RETENTION_DAYS; default 400).")
    var activityRetentionDays: Int?

    var dataDirectory: String { data ?? env("STARLING_DATA") ?? "./starling-data" }

    func settings(host: String = "127.0.0.1", port: Int = 8080) throws -> InstanceSettings {
        let limit = maxPostLength ?? env("STARLING_MAX_POST_LENGTH").flatMap { Int($0) } ?? 500
        guard (1...100_000).contains(limit) else { throw ValidationError("The post length limit must be between 1 and 100000.") }
        let rateLimit = apiRateLimit ?? env("STARLING_API_RATE_LIMIT").flatMap { Int($0) } ?? 300
        guard rateLimit >= 1 else { throw ValidationError("The API rate limit must be at least 1.") }
        let zone = timeZone ?? env("STARLING_TIME_ZONE") ?? "UTC"
        guard TimeZones.isKnown(zone) else { throw ValidationError("The time zone must be an IANA name such as Europe/Berlin, not \(zone).") }
        let retention = activityRetentionDays ?? env("STARLING_ACTIVITY_RETENTION_DAYS").flatMap { Int($0) } ?? 400
        guard (1...3650).contains(retention) else { throw ValidationError("Activity records are kept between 1 and 3650 days.") }
        let shownHost = host == "0.0.0.0" ? "127.0.0.1" : host
        return InstanceSettings(
            name: name ?? env("STARLING_NAME") ?? "Starling",
            publicAccess: publicAccess ?? env("STARLING_PUBLIC_ACCESS").map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? false,
            maxPostLength: limit,
            baseURL: baseURL ?? env("STARLING_BASE_URL") ?? "http://\(shownHost):\(port)",
            apiRateLimit: rateLimit,
            timeZone: zone,
            activityRetentionDays: retention,
            recordsActivity: recordActivity ?? env("STARLING_RECORD_ACTIVITY").map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? true
        )
    }

    /// Opens the data directory and assembles the domain over it.
    func open(host: String = "127.0.0.1", port: Int = 8080) throws -> Starling {
        let ids = IDGenerator()
        let store = try SQLiteStore(dataDirectory: dataDirectory, ids: ids)
        return Starling(store: store, files: try LocalFileStore(dataDirectory: dataDirectory), ids: ids,
                        settings: try settings(host: host, port: port))
    }
}

/// A port the system considers free on `host` right now.
func freePort(host: String) throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ValidationError("Cannot open a socket to find a free port.") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr(host == "0.0.0.0" ? "0.0.0.0" : "127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw ValidationError("Cannot find a free port on \(host).") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Prints a line at once (unbuffered), also when output goes to a file or pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func env(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server.")

    @Option(help: "Address to listen on (env STARLING_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env STARLING_PORT; default 8080).")
    var port: Int?

    @Flag(help: "Seed a demo organization on first start.")
    var demo = false

    @OptionGroup var options: DataOptions

    func run() async throws {
        runConcurrencyOnEventLoops()
        let started = Date()
        let host = self.host ?? env("STARLING_HOST") ?? "127.0.0.1"
        var port = try self.port ?? env("STARLING_PORT").map {
            guard let port = Int($0) else { throw ValidationError("STARLING_PORT must be a number.") }
            return port
        } ?? 8080
        // Port 0 means "any free port"; choose it now so links and the OAuth metadata name the real one.
        if port == 0 { port = try freePort(host: host) }
        var logger = Logger(label: "starling")
        logger.logLevel = env("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        let starling: Starling
        do {
            starling = try options.open(host: host, port: port)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
        if demo, try DemoOrganization(starling: starling).seedIfNeeded() {
            say("Seeded the demo organization.")
        }
        try starling.analytics.scheduleDigest(now: starling.clock.now())
        let app = buildApplication(starling: starling, options: ServerOptions(host: host, port: port), logger: logger, onServerRunning: { boundPort in
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            say("Starling is running at http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(boundPort) (ready in \(elapsed) ms)")
            if demo {
                say("Demo sign-in: username \(DemoOrganization.adminUsername), password \(DemoOrganization.password) (every demo person has this password)")
            }
        })
        try await app.runService()
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer a data directory (works while the server runs).",
        subcommands: [CreateUser.self, Invite.self, IssueToken.self]
    )
}

struct CreateUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create an account.")

    @Argument(help: "Username: letters, digits and underscores.")
    var username: String
    @Option(help: "Email address.")
    var email: String
    @Option(help: "Password (at least 8 characters).")
    var password: String
    @Option(help: "Display name.")
    var displayName: String = ""
    @Option(help: "admin, moderator or member.")
    var role: Role = .member
    @OptionGroup var options: DataOptions

    func run() async throws {
        let starling = try options.open()
        do {
            let account = try starling.accounts.create(.init(username: username, email: email, password: password,
                                                             displayName: displayName, role: role))
            print("Created @\(account.username) (\(account.role.rawValue)).")
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }
}

struct Invite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an invitation link and print it.")

    @Option(help: "Role for the invited person: admin, moderator or member.")
    var role: Role = .member
    @OptionGroup var options: DataOptions

    func run() async throws {
        let starling = try options.open()
        let invitation = try starling.accounts.invite(role: role, by: nil)
        print(starling.accounts.invitationURL(invitation))
    }
}

struct IssueToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Print a bearer token for scripts (Mastodon API).")

    @Argument(help: "The account the token acts as.")
    var username: String
    @Option(help: "Space-separated scopes.")
    var scopes = "read write follow"
    @OptionGroup var options: DataOptions

    func run() async throws {
        let starling = try options.open()
        guard let account = try starling.store.account(username: username) else { throw ValidationError("Nobody is called @\(username).") }
        do {
            print(try starling.oauth.issueForScript(account: account, scopes: scopes).token)
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }
}

extension Role: ExpressibleByArgument {}
