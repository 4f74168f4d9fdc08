#if canImport(Glibc)
import Glibc
#endif

enum ProcessIdentity {
    static var current: Int32 { getpid() }
}
