import ArgumentParser
import Foundation
import StarlingCore
import StarlingMigration
import StarlingPostgres
import StarlingSQLite

/// `starling admin migrate --to postgres://…`: moves an organization from its SQLite data directory to PostgreSQL.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite data directory (--data) into an empty PostgreSQL database; the source is only read.",
        discussion: "Stop the server first. Every table, pending job and upload is copied in one transaction; a target that holds data is refused."
    )

    @Option(help: "The empty PostgreSQL database to fill: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...].")
    var to: String
    @OptionGroup var options: DataOptions

    func run() async throws {
        let url: DatabaseURL
        do { url = try DatabaseURL(to) } catch let error as DatabaseURLError { throw ValidationError("--to: \(error.description)") }
        let sqlitePath = (options.dataDirectory as NSString).appendingPathComponent("starling.sqlite")
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw ValidationError("There is no SQLite database in \(options.dataDirectory) (starling.sqlite) to migrate.")
        }
        let started = Date()
        do {
            let source = try SQLiteStore(path: sqlitePath, ids: IDGenerator())
            let target = try await PostgresStore(url: url, ids: IDGenerator())
            defer { target.close() }
            let migration = SQLiteToPostgres(source: source, sourceFiles: try LocalFileStore(dataDirectory: options.dataDirectory), target: target)
            print("table                            rows")
            let counts = try await migration.run { count in
                print(count.table.padding(toLength: 28, withPad: " ", startingAt: 0) + String(count.rows).leftPadded(to: 10))
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print("Copied \(counts.reduce(0) { $0 + $1.rows }) rows and files into \(url.description) in \(seconds) s.")
            print("Start the server with --database \(url.description) (or STARLING_DATABASE_URL); \(options.dataDirectory) is unchanged.")
        } catch let error as MigrationError {
            throw ValidationError(error.description)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { count >= length ? self : String(repeating: " ", count: length - count) + self }
}
