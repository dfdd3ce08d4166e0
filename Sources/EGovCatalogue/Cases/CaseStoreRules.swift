import EGovCore
import Foundation

// The rule of ``CaseStore/replace(_:expectedTransitionCount:)``, written once: the in-memory store
// applies it to the stored case, the SQLite and PostgreSQL stores test the count in one
// compare-and-set `UPDATE … WHERE transition_count = ?` (atomic across processes) and, when it
// changed nothing, report the refusal this decides from the count read back.

extension ApplicationCase {
    /// Checks a replacement against the stored case's transition count.
    ///
    /// - Parameters:
    ///   - storedTransitionCount: the stored case's number of transitions, `nil` if none.
    ///   - expectedTransitionCount: the number of transitions the caller read before changing the case.
    /// - Throws: `StoreError/notFound` when no case is stored, `StoreError/conflict` when the
    ///   stored case no longer has `expectedTransitionCount` transitions.
    public static func checkReplacement(storedTransitionCount: Int?, expected expectedTransitionCount: Int)
        throws(StoreError)
    {
        guard let storedTransitionCount else { throw .notFound }
        guard storedTransitionCount == expectedTransitionCount else { throw .conflict }
    }

    /// The error of a refused compare-and-set: as ``checkReplacement(storedTransitionCount:expected:)``,
    /// and `StoreError/conflict` if the count read back matches after all (it changed between).
    public static func refusedReplacement(storedTransitionCount: Int?, expected expectedTransitionCount: Int)
        -> StoreError
    {
        do {
            try checkReplacement(storedTransitionCount: storedTransitionCount, expected: expectedTransitionCount)
            return .conflict
        } catch {
            return error
        }
    }
}
