import Foundation
import Hummingbird
import StarlingCore

extension AnalyticsPeriod {
    /// The period a request asks for with its `from` and `to` query parameters (pages and API alike).
    static func of(_ request: Request, today: Day, notBefore: Day? = nil) throws -> AnalyticsPeriod {
        try parse(from: request.uri.queryParameters["from"].map(String.init), to: request.uri.queryParameters["to"].map(String.init),
                  today: today, notBefore: notBefore)
    }

    /// The period a request asks for of a program's figures: by default it starts no earlier than the program.
    static func of(_ request: Request, for program: Program, analytics: AnalyticsService, now: Date) throws -> AnalyticsPeriod {
        try of(request, today: analytics.today(now), notBefore: analytics.today(program.createdAt))
    }
}
