import EGovCore
import Foundation
import GRDB

/// Maps GRDB and SQLite errors to ``StoreError`` without their messages (which may quote SQL
/// arguments, i.e. stored values), and decodes JSON columns with typed errors.
enum SQLiteErrors {
    static func map(_ error: any Error, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            if isUniqueViolation(error) { return .duplicate }
            if error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                SQLiteDatabase.logger.error(
                    "SQLite database is damaged",
                    metadata: ["operation": "\(operation)", "code": "\(error.resultCode)"])
                return .corruptDatabase(operation: operation)
            }
            SQLiteDatabase.logger.error(
                "SQLite operation failed", metadata: ["operation": "\(operation)", "code": "\(error.resultCode)"])
            return .unavailable(operation: operation)
        }
        if error is RowDecodingError || error is DecodingError { return .corruptRecord(table: operation) }
        SQLiteDatabase.logger.error("SQLite operation failed", metadata: ["operation": "\(operation)"])
        return .unavailable(operation: operation)
    }

    /// Whether `error` is a UNIQUE or PRIMARY KEY violation (not NOT NULL, CHECK or FOREIGN KEY).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }
}

/// JSON encoding of stored bodies.
enum StoredJSON {
    static func encode(_ value: some Encodable, table: String) throws(StoreError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, table: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    /// Column `index` of `row` as bytes (a BLOB or TEXT column), or a typed error.
    static func data(_ row: Row, _ index: Int, table: String) throws(StoreError) -> Data {
        do {
            return try row.decode(Data.self, atIndex: index)
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    /// Column `index` of `row` decoded as `type`, or a typed error.
    static func column<T: DatabaseValueConvertible>(_ type: T.Type, _ row: Row, _ index: Int, table: String)
        throws(StoreError) -> T
    {
        do {
            return try row.decode(T.self, atIndex: index)
        } catch {
            throw .corruptRecord(table: table)
        }
    }
}
