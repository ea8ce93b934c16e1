import Foundation

/// A result row read by column index (from 0), as both engines' rows are. The mappings in this
/// target read rows only through it.
public protocol ColumnReader {
    func isNull(_ column: Int32) -> Bool
    func int64(_ column: Int32) -> Int64
    func double(_ column: Int32) -> Double
    func bool(_ column: Int32) -> Bool
    func string(_ column: Int32) -> String
}

extension ColumnReader {
    @inlinable public func int(_ column: Int32) -> Int { Int(int64(column)) }
    @inlinable public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    @inlinable public func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
}
