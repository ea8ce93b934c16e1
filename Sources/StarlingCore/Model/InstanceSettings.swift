import Foundation

/// Instance-wide settings an operator chooses at start (flags or `STARLING_*` variables).
public struct InstanceSettings: Sendable, Equatable {
    /// The organization's name for its Starling, shown in the header and page titles.
    public var name: String
    /// Whether `public` posts exist and can be read signed out. Off by default: posts stay inside.
    public var publicAccess: Bool
    /// Longest post, in user-perceived characters.
    public var maxPostLength: Int
    /// The URL people reach the server at, used in invitation links.
    public var baseURL: String
    /// bcrypt cost for new password hashes (tests lower it to stay fast).
    public var passwordCost: UInt8
    /// API requests allowed per client (token, or address without one) in each five-minute window.
    public var apiRateLimit: Int
    /// The organization's time zone (an IANA name): its days and weeks, and the times shown to people
    /// who chose none of their own.
    public var timeZone: String
    /// Days activity records are kept for analytics; older ones are deleted.
    public var activityRetentionDays: Int
    /// Whether who is active each day is recorded (analytics show only what was recorded while it was on).
    public var recordsActivity: Bool
    /// Seconds the organization dashboard's figures are reused before they are computed again (0: always anew).
    public var analyticsCacheSeconds: Int
    /// Seconds a node holds a job it started; after a crash, another node takes the job over once they pass.
    public var jobLeaseSeconds: Int

    public init(
        name: String = "Starling", publicAccess: Bool = false, maxPostLength: Int = 500,
        baseURL: String = "http://127.0.0.1:8080", passwordCost: UInt8 = 10, apiRateLimit: Int = 300, timeZone: String = "UTC",
        activityRetentionDays: Int = 400, recordsActivity: Bool = true, analyticsCacheSeconds: Int = 60,
        jobLeaseSeconds: Int = 300
    ) {
        self.jobLeaseSeconds = jobLeaseSeconds
        self.analyticsCacheSeconds = analyticsCacheSeconds
        self.recordsActivity = recordsActivity
        self.timeZone = timeZone
        self.activityRetentionDays = activityRetentionDays
        self.name = name
        self.publicAccess = publicAccess
        self.maxPostLength = maxPostLength
        self.baseURL = baseURL
        self.passwordCost = passwordCost
        self.apiRateLimit = apiRateLimit
    }

    /// The server's host as handles (`ada@host`) and other servers name it: the base URL's host, with its
    /// port when the URL has one (`127.0.0.1:8081`).
    public var host: String {
        guard let url = URL(string: baseURL), let host = url.host else { return "localhost" }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// Starling's version, as the command line, the instance API and NodeInfo give it.
    public static let starlingVersion = "0.1.0"
}
