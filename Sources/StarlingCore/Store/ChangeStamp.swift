/// Where the store's data stands, for read caches to compare (`Store.changeStamp`): two equal stamps mean
/// nothing was committed in between, by any process or node.
///
/// Its two parts tell commits apart by how soon what they wrote must show. `settled` moves with every commit
/// but those that only keep posts from other servers (`PostStore.insertPostFromOutside`); such commits move
/// `latest` alone. A cache may therefore answer a page read before them a moment longer
/// (`TimelinePageCache.outsideLag`): posts from outside reach this server seconds after they were written
/// anyway, through their server's delivery queue. Anything written here, by anyone, moves `settled`, and shows
/// in the next read.
public struct ChangeStamp: Hashable, Sendable {
    /// Moves with every commit but those that only keep posts from outside.
    public var settled: Int64
    /// Moves, with `settled`, so that the two differ from the earlier pair whenever anything was committed.
    public var latest: Int64

    public init(settled: Int64, latest: Int64) {
        self.settled = settled
        self.latest = latest
    }
}
