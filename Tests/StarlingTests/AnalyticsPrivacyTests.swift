import Foundation
import Testing
@testable import StarlingCore

/// Who sees which analytics, on every path: the program's Analytics tab and its CSV files, the
/// organization dashboard and its CSV files, and the own API. Fay facilitates the private #cohort,
/// Mo moderates it, l00 is a learner, Gus a guest expert, Nina outside it, Ada an admin.
@Suite("Analytics privacy matrix")
struct AnalyticsPrivacyTests {
    enum Viewer: String, CaseIterable {
        case facilitator, moderator, learner, guest, nonMember, admin, signedOut
    }

    enum Item: String, CaseIterable {
        case programFigures, quietList, organizationFigures, ownActivity

        /// The rule: a program's aggregates for its facilitators and admins; who has gone quiet for its facilitators
        /// alone; the organization's figures for admins; one's own history for oneself (everyone signed in).
        func allowed(_ viewer: Viewer) -> Bool {
            switch self {
            case .programFigures: [.facilitator, .admin].contains(viewer)
            case .quietList: viewer == .facilitator
            case .organizationFigures: viewer == .admin
            case .ownActivity: viewer != .signedOut
            }
        }
    }

    @Test("each viewer sees exactly what the rules name, on web pages, CSV files and the own API")
    func matrix() async throws {
        let f = try await AnalyticsFixture(learners: 6)
        try await f.generateActivity(weeks: 4)
        let accounts: [Viewer: Account] = [.facilitator: f.fay, .moderator: f.mo, .learner: f.learners[0], .guest: f.gus, .nonMember: f.nina, .admin: f.ada]
        let base = "/programs/\(f.program.id)/analytics"
        try await withLiveServer(f.world) { server in
            for viewer in Viewer.allCases {
                let browser = server.browser()
                var token: String?
                if let account = accounts[viewer] {
                    try await browser.signIn(account.username)
                    token = try await f.starling.oauth.issueForScript(account: account, scopes: "read").token
                }
                for item in Item.allCases {
                    let expected = item.allowed(viewer)
                    let label = "\(viewer.rawValue) · \(item.rawValue)"
                    switch item {
                    case .programFigures:
                        let page = try await browser.get(base)
                        #expect((page.status == 200) == expected, "\(label): tab \(page.status)")
                        #expect(page.body.contains("Cohort retention") == expected, "\(label): tab content")
                        let csv = try await browser.get(base + "/weekly-return.csv")
                        #expect((csv.status == 200 && csv.body.hasPrefix("week,active,returned,rate")) == expected, "\(label): CSV \(csv.status)")
                        let api = try await server.api("GET", "/api/starling/v1" + base, token: token)
                        #expect((api.status == 200) == expected, "\(label): API \(api.status)")
                        if !expected { #expect(api.json["error"] is String && api.json["tables"] == nil, "\(label): API error body") }
                    case .quietList:
                        let page = try await browser.get(base)
                        #expect(page.body.contains("Gone quiet") == expected, "\(label): quiet list on the tab")
                        let csv = try await browser.get(base + "/quiet.csv")
                        #expect((csv.status == 200 && csv.body.hasPrefix("username,name,last_active")) == expected, "\(label): quiet CSV \(csv.status)")
                        let api = try await server.api("GET", "/api/starling/v1" + base, token: token)
                        #expect(((api.json["tables"] as? [String: Any])?["quiet"] != nil) == expected, "\(label): quiet list in the API")
                    case .organizationFigures:
                        let page = try await browser.get("/analytics")
                        #expect((page.status == 200 && page.body.contains("Programs side by side")) == expected, "\(label): dashboard \(page.status)")
                        let csv = try await browser.get("/analytics/daily-active.csv")
                        #expect((csv.status == 200 && csv.body.hasPrefix("day,dau,wau,mau")) == expected, "\(label): CSV \(csv.status)")
                        let api = try await server.api("GET", "/api/starling/v1/analytics", token: token)
                        #expect((api.status == 200) == expected, "\(label): API \(api.status)")
                    case .ownActivity:
                        let page = try await browser.get("/settings/activity")
                        #expect((page.status == 200 && page.body.contains("Your activity")) == expected, "\(label): own page \(page.status)")
                        let api = try await server.api("GET", "/api/starling/v1/accounts/me/activity", token: token)
                        #expect((api.status == 200) == expected, "\(label): own API \(api.status)")
                        if expected, let account = accounts[viewer] {
                            let mine = try await f.starling.analytics.own(viewer: account, period: AnalyticsPeriod.parse(from: nil, to: nil, today: f.starling.analytics.today(f.clock.now())))
                            #expect(api.json["days"] as? [String] == mine.days.map(\.description), "\(label): exactly one's own days")
                        }
                    }
                }
                let tab = try await browser.get("/programs/\(f.program.id)")
                #expect(tab.body.contains("href=\"\(base)\"") == Item.programFigures.allowed(viewer), "\(viewer.rawValue): the Analytics tab link")
            }
        }
    }

    @Test("a program with fewer than 5 learners shows its cohorts to its facilitators only, not to admins")
    func smallProgramsHideCohorts() async throws {
        let f = try await AnalyticsFixture(learners: 4)
        try await f.generateActivity(weeks: 4)
        let forFacilitator = try await f.programFigures(as: f.fay), forAdmin = try await f.programFigures(as: f.ada)
        #expect(!forFacilitator.cohortsHidden && !forFacilitator.retention.cohorts.isEmpty)
        #expect(forAdmin.cohortsHidden && forAdmin.retention.cohorts.isEmpty)
        #expect(forAdmin.retention.average.map(\.size) == forFacilitator.retention.average.map(\.size), "the average row stays")
    }

    @Test("a period that is not a date, ends in the future, or runs backwards is refused with a clear error")
    func badPeriods() async throws {
        let f = try await AnalyticsFixture(learners: 1)
        let token = try await f.starling.oauth.issueForScript(account: f.ada, scopes: "read").token
        try await withLiveServer(f.world) { server in
            for (query, field) in [("from=yesterday", "from"), ("to=2099-01-01", "to"), ("from=2026-12-01&to=2026-11-01", "from"),
                                   ("from=2024-01-01&to=2026-12-01", "from"), ("to=2026-02-30", "to")] {
                let api = try await server.api("GET", "/api/starling/v1/analytics?" + query, token: token)
                #expect(api.status == 422, "\(query)")
                #expect(api.string("error_description") == field, "\(query)")
                let browser = server.browser()
                try await browser.signIn("ada")
                let page = try await browser.get("/analytics?" + query)
                let reason = try #require(api.json["error"] as? String).replacingOccurrences(of: "Validation failed: ", with: "").prefix(12)
                #expect(page.status == 422 && page.body.contains(reason), "\(query): a readable page saying why")
            }
        }
    }

    @Test("guests are in no organization figure: active people, members, busiest hashtags")
    func guestsInNoOrganizationFigure() async throws {
        let f = try await AnalyticsFixture(learners: 2)
        _ = try await f.starling.programs.join(f.program.id, by: f.gus, agreementVersion: f.program.agreementVersion)
        _ = try await f.starling.posts.compose(.init(text: "Happy to help #cohort #sharedtopic #guestonly"), by: f.gus, at: f.clock.now())
        _ = try await f.starling.posts.compose(.init(text: "Me too #sharedtopic"), by: f.nina, at: f.clock.now())
        _ = try await f.starling.posts.compose(.init(text: "@mo between us #sharedtopic", visibility: .direct), by: f.nina, at: f.clock.now())
        let period = try AnalyticsPeriod.parse(from: nil, to: nil, today: f.starling.analytics.today(f.clock.now()))
        let figures = try await f.starling.analytics.organization(viewer: f.ada, period: period, now: f.clock.now())
        #expect(figures.hashtags.first { $0.hashtag == "sharedtopic" }?.posts == 1, "nina's public post only: not the guest's, not the direct one")
        #expect(!figures.hashtags.contains { $0.hashtag == "guestonly" })
        #expect(figures.daily.last?.dau == 1, "nina; the guest posted too")
        #expect(figures.members.last?.total == 6, "fay, ada, mo, nina and two learners; not gus")
    }
}
