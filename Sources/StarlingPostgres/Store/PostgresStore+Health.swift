import StarlingCore
import StarlingSQL

/// What the readiness check asks of the database: the schema version it records, read from it.
extension PostgresStore: HealthStore {
    public var currentSchemaVersion: Int { PostgresMigrations.steps.count }

    public func storedSchemaVersion() async throws -> Int { try await PostgresMigrations.storedVersion(database) }
}
