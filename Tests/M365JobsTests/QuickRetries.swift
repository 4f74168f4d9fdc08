import M365Client

extension M365ClientOptions {
    /// Client options for end-to-end tests: retries back off in milliseconds, not seconds.
    static var quickRetries: M365ClientOptions {
        var options = M365ClientOptions()
        options.retryPolicy.baseDelay = .milliseconds(5)
        options.retryPolicy.maxDelay = .milliseconds(50)
        return options
    }
}
