import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

extension Errno {
    /// The one place a C call's result becomes a thrown `Errno`: `result` is the call's return value, and a
    /// negative one means failure with the reason in `errno`. Interrupted calls are retried.
    @discardableResult
    static func checking<Result: BinaryInteger>(_ call: () -> Result) throws(Errno) -> Result {
        while true {
            let result = call()
            guard result < 0 else { return result }
            let code = Errno(rawValue: errno)
            if code != .interrupted { throw code }
        }
    }

    /// swift-system's calls throw their `Errno` as `any Error`; this gives it its type back, so that callers
    /// can match reasons (`catch .permissionDenied`) and keep typed throws. Any other error (none is
    /// documented) counts as an I/O error.
    public static func rethrowing<Result>(_ body: () throws -> Result) throws(Errno) -> Result {
        do {
            return try body()
        } catch let error as Errno {
            throw error
        } catch {
            throw Errno.ioError
        }
    }
}
