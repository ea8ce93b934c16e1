/// A cursor into a newest-first list, with Mastodon's meanings:
/// `maxID` gives items older than it; `sinceID` the newest items newer than it;
/// `minID` the items immediately newer than it (the page just above).
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 20
    public static let maxLimit = 40

    public var maxID: ID?
    public var sinceID: ID?
    public var minID: ID?
    public var limit: Int

    public init(maxID: ID? = nil, sinceID: ID? = nil, minID: ID? = nil, limit: Int = PageRequest.defaultLimit) {
        self.maxID = maxID
        self.sinceID = sinceID
        self.minID = minID
        self.limit = min(max(limit, 1), PageRequest.maxLimit)
    }

    /// True when the page is read upwards from `minID` (oldest first, then reversed).
    public var readsUpwards: Bool { minID != nil }

    /// The lower exclusive bound, if any.
    public var lowerBound: ID? { minID ?? sinceID }
}
