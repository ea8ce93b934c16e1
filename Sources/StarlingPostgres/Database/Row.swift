import Foundation
import PostgresNIO

/// One result row, read by column index as the SQLite store's rows are: integers, text, flags and
/// optional values. A column of an unexpected type is a programming error and stops the process.
struct Row {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) { cells = row.makeRandomAccess() }

    func isNull(_ index: Int32) -> Bool { cells[Int(index)].bytes == nil }

    func int64(_ index: Int32) -> Int64 { optionalInt64(index) ?? 0 }
    func int(_ index: Int32) -> Int { Int(int64(index)) }
    func string(_ index: Int32) -> String { optionalString(index) ?? "" }
    func double(_ index: Int32) -> Double { optional(index, Double.self) ?? 0 }
    func bool(_ index: Int32) -> Bool { optional(index, Bool.self) ?? false }
    func data(_ index: Int32) -> Data? { optional(index, ByteBuffer.self).map { Data($0.readableBytesView) } }

    func optionalInt64(_ index: Int32) -> Int64? {
        let cell = cells[Int(index)]
        guard cell.bytes != nil else { return nil }
        // Counts and sums come back as int4 or numeric as well as int8.
        switch cell.dataType {
        case .int2: return (try? cell.decode(Int16.self)).map(Int64.init)
        case .int4: return (try? cell.decode(Int32.self)).map(Int64.init)
        case .numeric: return (try? cell.decode(String.self)).flatMap { Int64($0) ?? Double($0).map { Int64($0) } }
        default: return optional(index, Int64.self)
        }
    }

    func optionalString(_ index: Int32) -> String? { optional(index, String.self) }

    private func optional<T: PostgresDecodable>(_ index: Int32, _ type: T.Type) -> T? {
        let cell = cells[Int(index)]
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            preconditionFailure("column \(index) (\(cell.columnName), \(cell.dataType)) is not a \(T.self): \(error)")
        }
    }
}
