/// Problems opening or reaching a database, whatever its engine.
public enum StoreError: Error, CustomStringConvertible {
    case newerSchema(found: Int, supported: Int)
    /// The database server could not be reached or refused the connection (`reason` says which).
    case unreachable(database: String, reason: String)
    /// The database went away while serving (the server stopped, the network failed): try again shortly.
    case unavailable

    public var description: String {
        switch self {
        case let .newerSchema(found, supported):
            "This database was written by a newer Starling (schema version \(found); this build knows up to \(supported)). "
                + "Upgrade Starling, or restore a backup made with this version."
        case let .unreachable(database, reason):
            "Cannot reach the database \(database): \(reason)"
        case .unavailable:
            "The database is not answering at the moment. Try again in a little while."
        }
    }
}
