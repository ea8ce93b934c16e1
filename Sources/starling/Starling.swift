import ArgumentParser
import Foundation
import Hummingbird
import Logging
import StarlingCore
import StarlingPostgres
import StarlingSQLite
import StarlingWeb

/// The `starling` command line: run the server, and administer a data directory.
@main
struct StarlingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "starling",
        abstract: "A self-hosted social learning network for organizations.",
        version: InstanceSettings.starlingVersion,
        subcommands: [Serve.self, Admin.self]
    )
}

/// Settings shared by every command that touches data. Each flag falls back to a `STARLING_*`
/// environment variable, then to a default.
struct DataOptions: ParsableArguments {
    @Option(help: "Data directory (env STARLING_DATA; default ./starling-data).")
    var data: String?

    @Option(help: ArgumentHelp(
        "A PostgreSQL database to use instead of SQLite in the data directory (env STARLING_DATABASE_URL).",
        discussion: "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]; uploads are kept in the database too."))
    var database: String?

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

    @Option(help: "Seconds a node holds a job it started before another may take it over after a crash (env STARLING_JOB_LEASE; default 300).")
    var jobLease: Int?

    var dataDirectory: String { data ?? env("STARLING_DATA") ?? "./starling-data" }

    /// The PostgreSQL database named by `--database` or `STARLING_DATABASE_URL`; nil for SQLite. A bad URL is a clear error.
    var databaseURL: DatabaseURL? {
        get throws {
            guard let text = database ?? env("STARLING_DATABASE_URL") else { return nil }
            do {
                return try DatabaseURL(text)
            } catch let error as DatabaseURLError {
                throw ValidationError("--database: \(error.description)")
            }
        }
    }

    func settings(host: String = "127.0.0.1", port: Int = 8080, https: Bool = false) throws -> InstanceSettings {
        let limit = maxPostLength ?? env("STARLING_MAX_POST_LENGTH").flatMap { Int($0) } ?? 500
        guard (1...100_000).contains(limit) else { throw ValidationError("The post length limit must be between 1 and 100000.") }
        let rateLimit = apiRateLimit ?? env("STARLING_API_RATE_LIMIT").flatMap { Int($0) } ?? 300
        guard rateLimit >= 1 else { throw ValidationError("The API rate limit must be at least 1.") }
        let zone = timeZone ?? env("STARLING_TIME_ZONE") ?? "UTC"
        guard TimeZones.isKnown(zone) else { throw ValidationError("The time zone must be an IANA name such as Europe/Berlin, not \(zone).") }
        let retention = activityRetentionDays ?? env("STARLING_ACTIVITY_RETENTION_DAYS").flatMap { Int($0) } ?? 400
        guard (1...3650).contains(retention) else { throw ValidationError("Activity records are kept between 1 and 3650 days.") }
        let lease = jobLease ?? env("STARLING_JOB_LEASE").flatMap { Int($0) } ?? 300
        guard (5...86_400).contains(lease) else { throw ValidationError("The job lease must be between 5 and 86400 seconds.") }
        let shownHost = host == "0.0.0.0" ? "127.0.0.1" : host
        return InstanceSettings(
            name: name ?? env("STARLING_NAME") ?? "Starling",
            publicAccess: publicAccess ?? env("STARLING_PUBLIC_ACCESS").map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? false,
            maxPostLength: limit,
            baseURL: baseURL ?? env("STARLING_BASE_URL") ?? "\(https ? "https" : "http")://\(shownHost):\(port)",
            apiRateLimit: rateLimit,
            timeZone: zone,
            activityRetentionDays: retention,
            recordsActivity: recordActivity ?? env("STARLING_RECORD_ACTIVITY").map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? true,
            jobLeaseSeconds: lease
        )
    }

    /// Opens the data directory and assembles the domain over it; with `backups` (the folder, how many
    /// to keep, the hour), the server backs it up every night.
    func open(host: String = "127.0.0.1", port: Int = 8080, https: Bool = false, metrics: ServerMetrics = ServerMetrics(),
              backups: (root: String, keep: Int, hour: Int)? = nil, signInPolicy: SignInPolicy = SignInPolicy(),
              mailer: (any Mailer)? = nil) async throws -> Starling {
        let ids = IDGenerator()
        let store = try await openStore(ids: ids, metrics: metrics)
        let plan = try backups.map {
            BackupPlan(maker: DataDirectoryBackups(store: try sqliteStore(store, for: "Nightly backups"), dataDirectory: dataDirectory),
                       root: $0.root, keep: $0.keep, hour: $0.hour)
        }
        // On PostgreSQL, events reach the streams of every node on the database.
        let events: any EventBus = try databaseURL.map { try PostgresEventBus(url: $0) } ?? InProcessEventBus()
        // On PostgreSQL, uploads are in the database too, so that every node serves them.
        let files: any FileStore = try (store as? PostgresStore).map(PostgresFileStore.init) ?? LocalFileStore(dataDirectory: dataDirectory)
        return Starling(store: store, files: files, ids: ids,
                        settings: try settings(host: host, port: port, https: https), events: events, metrics: metrics, backupPlan: plan,
                        signInPolicy: signInPolicy, mailer: mailer)
    }

    /// Opens (creating or migrating) the database: PostgreSQL when one is named, else SQLite in the data directory.
    /// An unreachable database or one from a newer build is a clear error.
    func openStore(ids: IDGenerator = IDGenerator(), metrics: ServerMetrics = ServerMetrics()) async throws -> any Store {
        do {
            if let url = try databaseURL { return try await PostgresStore(url: url, ids: ids, metrics: metrics) }
            return try SQLiteStore(dataDirectory: dataDirectory, ids: ids, metrics: metrics)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }

    /// The SQLite store, for what copies its data directory (backups); on PostgreSQL, the database's own tools do that.
    func sqliteStore(_ store: any Store, for purpose: String) throws -> SQLiteStore {
        guard let sqlite = store as? SQLiteStore else {
            throw ValidationError("\(purpose) copy an SQLite data directory; on PostgreSQL, back the database up with pg_dump (see the README).")
        }
        return sqlite
    }
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

    @Option(help: "Log lines as text or json, one JSON object a line (env STARLING_LOG_FORMAT; default text).")
    var logFormat: String?

    @Option(help: "Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated (env STARLING_TRUSTED_PROXIES; default none).")
    var trustedProxies: String?

    @Option(help: "Bearer token that /metrics asks for (env STARLING_METRICS_TOKEN; default: none, and /metrics answers this machine only).")
    var metricsToken: String?

    @Option(help: "Serve HTTPS with this PEM certificate chain; SIGHUP reads it again (env STARLING_TLS_CERT; needs --tls-key).")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert (env STARLING_TLS_KEY).")
    var tlsKey: String?

    @Option(help: "Back up every night into a new folder in this one (env STARLING_BACKUP_DIR; default: no nightly backups).")
    var backupDir: String?

    @Option(help: "Nightly backups kept; older ones are deleted (env STARLING_BACKUP_KEEP; default 7).")
    var backupKeep: Int?

    @Option(help: "Hour of the nightly backup, 0-23 in the organization's time zone (env STARLING_BACKUP_HOUR; default 2).")
    var backupHour: Int?

    @OptionGroup var options: DataOptions
    @OptionGroup(title: "Single sign-on") var signOn: SignOnOptions
    @OptionGroup(title: "Email") var mail: MailOptions
    @OptionGroup(title: "Federation (ActivityPub)") var federation: FederationOptions

    func run() async throws {
        runConcurrencyOnEventLoops()
        let started = Date()
        let jsonLogs: Bool
        switch logFormat ?? env("STARLING_LOG_FORMAT") ?? "text" {
        case "json": jsonLogs = true
        case "text": jsonLogs = false
        case let other: throw ValidationError("The log format is text or json, not \(other).")
        }
        if jsonLogs { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
        let proxies: TrustedProxies
        do {
            proxies = try TrustedProxies(list: trustedProxies ?? env("STARLING_TRUSTED_PROXIES") ?? "")
        } catch let error as TrustedProxiesError {
            throw ValidationError("--trusted-proxies: \(error)")
        }
        let host = self.host ?? env("STARLING_HOST") ?? "127.0.0.1"
        var port = try self.port ?? env("STARLING_PORT").map {
            guard let port = Int($0) else { throw ValidationError("STARLING_PORT must be a number.") }
            return port
        } ?? 8080
        // Port 0 means "any free port"; choose it now so links and the OAuth metadata name the real one.
        if port == 0 {
            guard let free = freePort(host: host) else { throw ValidationError("Cannot find a free port on \(host).") }
            port = free
        }
        var logger = Logger(label: "starling")
        logger.logLevel = env("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        /// Lines for the person who started the server: plain text, or log entries when logs are JSON.
        let announce: @Sendable (String) -> Void = { [logger] line in jsonLogs ? logger.info("\(line)") : say(line) }
        let keep = try backupKeep ?? env("STARLING_BACKUP_KEEP").map {
            guard let keep = Int($0) else { throw ValidationError("STARLING_BACKUP_KEEP must be a number.") }
            return keep
        } ?? 7
        let hour = try backupHour ?? env("STARLING_BACKUP_HOUR").map {
            guard let hour = Int($0) else { throw ValidationError("STARLING_BACKUP_HOUR must be a number.") }
            return hour
        } ?? 2
        guard keep >= 1 else { throw ValidationError("Keep at least 1 nightly backup.") }
        guard (0...23).contains(hour) else { throw ValidationError("The backup hour is between 0 and 23.") }
        let backups = (backupDir ?? env("STARLING_BACKUP_DIR")).map { (root: $0, keep: keep, hour: hour) }
        let certificate: ServerCertificate?
        switch (tlsCert ?? env("STARLING_TLS_CERT"), tlsKey ?? env("STARLING_TLS_KEY")) {
        case (nil, nil): certificate = nil
        case let (cert?, key?):
            do {
                certificate = try ServerCertificate(certificatePath: cert, keyPath: key)
            } catch let error as CertificateError {
                throw ValidationError(error.description)
            }
        default: throw ValidationError("HTTPS needs both --tls-cert and --tls-key.")
        }
        let reloading = certificate.map { Self.reloadOnHangUp($0, logger: logger) }
        let starling = try await options.open(host: host, port: port, https: certificate != nil, metrics: .prometheus(), backups: backups,
                                        signInPolicy: try signOn.policy(), mailer: try mail.mailer())
        let providers = try signOn.providers(baseURL: starling.settings.baseURL, instanceName: starling.settings.name)
        if let mode = try federation.mode() { try await starling.federation.setMode(mode, by: nil) }
        if federation.allowsPrivateAddresses {
            announce("Federation may reach loopback and private addresses over plain http: for tests and labs only.")
        }
        if demo, try await DemoOrganization(starling: starling).seedIfNeeded() {
            announce("Seeded the demo organization.")
        }
        try await starling.analytics.scheduleDigest(now: starling.clock.now())
        if starling.email.isEnabled {
            try await starling.email.scheduleWeeklyDigest(now: starling.clock.now())
        } else {
            announce("Email is off: set --smtp-host and --smtp-from to send invitations, password resets and notices.")
        }
        if let nightly = starling.nightlyBackups {
            try await nightly.schedule(now: starling.clock.now())
            announce("Nightly backups at \(nightly.plan.hour):00 into \(nightly.plan.root), the newest \(nightly.plan.keep) kept.")
        } else {
            try await starling.jobs.cancel(key: NightlyBackups.jobKey)
        }
        let serverOptions = ServerOptions(host: host, port: port, trustedProxies: proxies,
                                          metricsToken: metricsToken ?? env("STARLING_METRICS_TOKEN"), certificate: certificate,
                                          signOn: providers, federationAllowsPrivateAddresses: federation.allowsPrivateAddresses)
        let app = buildApplication(starling: starling, options: serverOptions, logger: logger, onServerRunning: { boundPort in
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            let scheme = certificate == nil ? "http" : "https"
            announce("Starling is running at \(scheme)://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(boundPort) (ready in \(elapsed) ms)")
            if demo {
                announce("Demo sign-in: username \(DemoOrganization.adminUsername), password \(DemoOrganization.password) (every demo person has this password)")
            }
        })
        try await app.runService()
        reloading?.cancel() // the signal source lives until the server has stopped
    }

    /// Reads the certificate files again on SIGHUP (after a renewal), keeping the old ones when the new cannot be read.
    static func reloadOnHangUp(_ certificate: ServerCertificate, logger: Logger) -> any DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler {
            do {
                try certificate.reload()
                logger.info("Read the TLS certificate again", metadata: ["certificate": "\(certificate.certificatePath)"])
            } catch {
                logger.error("Could not read the TLS certificate again; still serving the previous one", metadata: ["error": "\(error)"])
            }
        }
        source.resume()
        return source
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer a data directory (works while the server runs).",
        subcommands: [CreateUser.self, Invite.self, IssueToken.self, ProvisioningTokenCommand.self, EmailDigestCommand.self, BackupCommand.self, RestoreCommand.self,
                      MigrateCommand.self, FederationCommand.self]
    )
}

struct ProvisioningTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provisioning-token",
        abstract: "Print a new token for the identity provider's SCIM client (/scim/v2), made in an admin's name."
    )

    @Argument(help: "A name for the token, such as the identity provider's.")
    var name: String
    @Option(help: "The admin the token is made by (default: the first admin).")
    var admin: String?
    @OptionGroup var options: DataOptions

    func run() async throws {
        let starling = try await options.open()
        let maker: Account?
        if let admin {
            maker = try await starling.store.account(username: admin)
        } else {
            maker = try await starling.store.accounts(page: PageRequest(limit: 1000)).last { $0.role == .admin }
        }
        guard let maker, maker.role == .admin else { throw ValidationError("No admin \(admin.map { "@" + $0 } ?? "exists yet").") }
        do {
            await print(try starling.provisioning.createToken(name: name, by: maker).secret)
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }
}

struct EmailDigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email-digest",
        abstract: "Have the running server send this week's email digest now, to everyone who chose it (then again next Monday)."
    )

    @OptionGroup var options: DataOptions

    func run() async throws {
        try await options.open().email.sendWeeklyDigestNow()
        print("The weekly email digest goes out within seconds (when the server runs with --smtp-host).")
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and media into a new folder, while the server runs (SQLite's online backup)."
    )

    @Argument(help: "The folder to write; it must not exist or be empty.")
    var directory: String
    @OptionGroup var options: DataOptions

    func run() async throws {
        let store = try options.sqliteStore(await options.openStore(), for: "Backups")
        let started = Date()
        do {
            let manifest = try DataDirectoryBackups(store: store, dataDirectory: options.dataDirectory).backup(into: directory, at: Date())
            print("Backed up \(manifest.summary) into \(directory) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        } catch let error as BackupError {
            throw ValidationError(error.description)
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into an empty data directory (--data), then bring it to this build's schema."
    )

    @Argument(help: "A folder written by `starling admin backup` or a nightly backup.")
    var directory: String
    @OptionGroup var options: DataOptions

    func run() async throws {
        guard try options.databaseURL == nil else {
            throw ValidationError("Restore writes an SQLite data directory; on PostgreSQL, restore the database with pg_restore (see the README).")
        }
        do {
            let manifest = try DataDirectoryBackups.restore(from: directory, into: options.dataDirectory)
            _ = try await options.openStore()
            print("Restored the backup of \(manifest.createdAt.formatted(.iso8601)) (\(manifest.summary)) into \(options.dataDirectory).")
        } catch let error as BackupError {
            throw ValidationError(error.description)
        }
    }
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
        let starling = try await options.open()
        do {
            let account = try await starling.accounts.create(.init(username: username, email: email, password: password,
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
        let starling = try await options.open()
        let invitation = try await starling.accounts.invite(role: role, by: nil)
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
        let starling = try await options.open()
        guard let account = try await starling.store.account(username: username) else { throw ValidationError("Nobody is called @\(username).") }
        do {
            await print(try starling.oauth.issueForScript(account: account, scopes: scopes).token)
        } catch let error as DomainError {
            throw ValidationError(error.message)
        }
    }
}

extension Role: ExpressibleByArgument {}
