import Prometheus

/// The name and help text of every metric m365sync exports; one place, so a name always has the same help.
enum MetricName: String, CaseIterable {
    case buildInfo = "m365sync_build_info"
    case startTime = "m365sync_start_time_seconds"
    case lastRunStart = "m365sync_job_last_run_start_timestamp_seconds"
    case lastRunEnd = "m365sync_job_last_run_end_timestamp_seconds"
    case lastSuccess = "m365sync_job_last_success_timestamp_seconds"
    case lastRunDuration = "m365sync_job_last_run_duration_seconds"
    case lastRunStatus = "m365sync_job_last_run_status"
    case nextRun = "m365sync_job_next_run_timestamp_seconds"
    case runs = "m365sync_job_runs_total"
    case actions = "m365sync_actions_total"
    case requests = "m365sync_requests_total"
    case retries = "m365sync_request_retries_total"
    case throttled = "m365sync_throttled_responses_total"
    case removalsBlocked = "m365sync_removals_blocked_total"

    /// The full name (the unit is part of it) with its `# HELP` text.
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help)
    }

    var help: String {
        switch self {
        case .buildInfo: "Version of m365sync; the value is always 1."
        case .startTime: "When this m365sync process started, in seconds since the Unix epoch."
        case .lastRunStart: "When the job's last run started, in seconds since the Unix epoch."
        case .lastRunEnd: "When the job's last run ended, in seconds since the Unix epoch."
        case .lastSuccess: "When the job's last succeeded run ended, in seconds since the Unix epoch."
        case .lastRunDuration: "How long the job's last run took, in seconds."
        case .lastRunStatus: "1 for the status the job's last run ended with, 0 for the others."
        case .nextRun:
            "When the daemon will next run the job, in seconds since the Unix epoch; absent when not scheduled."
        case .runs: "Runs finished by this process, by job and status."
        case .actions: "Contact actions of the job's runs in this process, by action and status."
        case .requests: "HTTP requests sent for the job in this process, by service and request kind."
        case .retries: "Requests retried for the job in this process."
        case .throttled: "Throttled responses (429, 503 or a throttling message) the job received in this process."
        case .removalsBlocked: "Removals the job's safety limits blocked in this process."
        }
    }
}
