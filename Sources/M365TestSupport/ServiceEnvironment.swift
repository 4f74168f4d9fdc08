/// The environment the systemd unit gives the daemon (`Environment=` in `systemd/m365sync.service`), so that the
/// benches start `m365sync daemon` as the service runs; the unit's tests check that the two agree.
public enum ServiceEnvironment {
    /// glibc keeps at most 2 freed blocks per size and thread for reuse instead of 7: the blocks those caches hold
    /// pin pages that the idle daemon's `malloc_trim` would otherwise give back (docs/operations.md, "Memory").
    public static let values = ["GLIBC_TUNABLES": "glibc.malloc.tcache_count=2"]
}
