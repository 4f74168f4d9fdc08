/// Whether the source read that a plan is based on saw everything.
public enum SourceReadStatus: Sendable, Equatable {
    /// Every page of every listing was read.
    case complete
    /// A listing failed or stopped early; the source may be missing people.
    case incomplete
}
