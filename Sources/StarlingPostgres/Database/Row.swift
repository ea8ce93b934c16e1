import Foundation
import PostgresNIO
import StarlingSQL

/// One result row, read by column index as the SQLite store's rows are: integers, text, flags and
/// optional values. A column of an unexpected type is a programming error and stops the process.
struct Row: ColumnReader {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) { cells = row.makeRandomAccess() }

    func isNull(_ index: Int32) -> Bool { cells[Int(index)].bytes == nil }

    func int64(_ index: Int32) -> Int64 {
        let cell = cells[Int(index)]
        guard cell.bytes != nil else { return 0 }
        // Counts and sums come back as int4 or numeric as well as int8; a flag reads as 0 or 1.
        switch cell.dataType {
        case .int2: return Int64(decode(cell, Int16.self))
        case .int4: return Int64(decode(cell, Int32.self))
        case .bool: return decode(cell, Bool.self) ? 1 : 0
        case .numeric:
            let text = decode(cell, String.self)
            return Int64(text) ?? Double(text).map { Int64($0) } ?? 0
        default: return decode(cell, Int64.self)
        }
    }

    func bool(_ index: Int32) -> Bool {
        let cell = cells[Int(index)]
        guard cell.bytes != nil else { return false }
        return cell.dataType == .bool ? decode(cell, Bool.self) : int64(index) != 0
    }

    func string(_ index: Int32) -> String { optional(index, String.self) ?? "" }
    func double(_ index: Int32) -> Double { optional(index, Double.self) ?? 0 }
    func data(_ index: Int32) -> Data? { optional(index, ByteBuffer.self).map { Data($0.readableBytesView) } }

    private func optional<T: PostgresDecodable>(_ index: Int32, _ type: T.Type) -> T? {
        let cell = cells[Int(index)]
        return cell.bytes == nil ? nil : decode(cell, T.self)
    }

    private func decode<T: PostgresDecodable>(_ cell: PostgresCell, _ type: T.Type) -> T {
        do {
            return try cell.decode(T.self)
        } catch {
            preconditionFailure("column \(cell.columnIndex) (\(cell.columnName), \(cell.dataType)) is not a \(T.self): \(error)")
        }
    }
}
