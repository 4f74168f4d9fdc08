/// The version of m365sync: `m365sync --version`, the Debian package's version and `m365sync_build_info`.
public enum M365SyncVersion {
    public static let current = "0.1.0"
}
