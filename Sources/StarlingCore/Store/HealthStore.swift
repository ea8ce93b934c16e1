/// What the readiness check (`GET /ready`) asks of the database.
public protocol HealthStore: Sendable {
    /// The schema version the database records, read from it (a real round trip); throws when it cannot be read.
    func storedSchemaVersion() async throws -> Int
    /// The schema version this build writes; a ready database has exactly this one.
    var currentSchemaVersion: Int { get }
}
