import Foundation
import StarlingCore

/// The tables of the Analytics pages, CSV downloads and API, built from the figures in one place.
enum AnalyticsTables {
    static func weeklyReturn(_ points: [ActivityFigures.WeeklyReturn]) -> FigureTable {
        FigureTable("weekly-return", "Weekly return rate: of those active in a week, the share active the next week",
                    [("week", "Week of"), ("active", "Active"), ("returned", "Active the next week"), ("rate", "Return rate")],
                    points.map { [.day($0.week), .count($0.active), .count($0.returned), .share($0.knownRate)] })
    }

    static func dailyActive(_ days: [ActivityFigures.DailyActive]) -> FigureTable {
        FigureTable("daily-active", "Active people per day: that day (DAU), in 7 days (WAU) and in 30 days (MAU)",
                    [("day", "Day"), ("dau", "DAU"), ("wau", "WAU"), ("mau", "MAU"), ("stickiness", "DAU/MAU")],
                    days.map { [.day($0.day), .count($0.dau), .count($0.wau), .count($0.mau), .share($0.stickiness)] })
    }

    // MARK: A program

    /// `dayOf` gives the organization's day of a moment (an occurrence's start).
    static func program(_ a: ProgramAnalytics, dayOf: (Date) -> Day) -> [FigureTable] {
        var tables = [
            weeklyReturn(a.weeklyReturn),
            FigureTable("retention", "Cohort retention: the share of each cohort active in each week since its first",
                        [("cohort", "Cohort (week of first activity)"), ("size", "Learners"), ("week", "Week"), ("active", "Active"), ("rate", "Share")],
                        a.retention.cohorts.flatMap { cohort in
                            cohort.active.indices.map { n in [.day(cohort.week), .count(cohort.size), .count(n), .count(cohort.active[n]), .share(cohort.rate(n))] }
                        }),
            FigureTable("retention-average", "Cohort retention, average over the cohorts that reached each week (weighed by size)",
                        [("week", "Week"), ("active", "Active"), ("size", "Learners in those cohorts"), ("rate", "Share")],
                        a.retention.average.indices.map { n in [.count(n), .count(a.retention.average[n].active), .count(a.retention.average[n].size),
                                                                .share(a.retention.averageRate(n))] }),
            FigureTable("weekly-active", "Learners active each week", [("week", "Week of"), ("learners", "Active learners")],
                        a.weeklyActive.map { [.day($0.week), .count($0.learners)] }),
            dailyActive(a.daily),
            FigureTable("questions", "Questions and the time to their first answer, by the week they were asked",
                        [("week", "Week of"), ("asked", "Asked"), ("answered", "Answered"), ("median_hours", "Median time to first answer"),
                         ("p90_hours", "90th percentile")],
                        a.questions.map { [.day($0.week), .count($0.asked), .count($0.answered), .hours($0.median.map { $0 / 3600 }),
                                           .hours($0.p90.map { $0 / 3600 })] }),
            FigureTable("tweetchats", "Tweetchats: who took part in each occurrence, and who came back",
                        [("event", "Event"), ("occurrence", "Occurrence"), ("participants", "Participants"), ("new", "New"), ("returning", "Returning"),
                         ("answers_per_question", "Answers per question"), ("came_to_next", "Came to the next")],
                        a.tweetchats.flatMap { event in
                            event.occurrences.map { o in [.text(event.event.title), .day(dayOf(o.occurrence.startsAt)),
                                                          .count(o.participants), .count(o.new), .count(o.returning), .ratio(o.answersPerQuestion), .share(o.cameToNext)] }
                        }),
            FigureTable("reinforcement", "Reinforcement plans: reviews and mastery",
                        [("plan", "Plan"), ("nuggets_released", "Nuggets released"), ("reviews_due", "Reviews due"), ("reviews_answered", "Answered"),
                         ("first_right", "Right at the first review"), ("later_right", "Right at later reviews"), ("learners", "Learners"),
                         ("learners_mastered", "Mastered every check")],
                        a.plans.map { [.text($0.plan.title), .count($0.nuggetsReleased), .count($0.reviewsDue), .count($0.reviewsAnswered),
                                       .share($0.firstRightShare), .share($0.laterRightShare), .count($0.learners), .count($0.learnersMastered)] }),
            FigureTable("commitments", "Commitments done by their due date, by the week they were due",
                        [("week", "Due in the week of"), ("due", "Due"), ("done_by_due_date", "Done by the due date"), ("share", "Share")],
                        a.commitments.map { [.day($0.week), .count($0.due), .count($0.doneByDueDate), .share($0.share)] }),
        ]
        if let quiet = a.quiet {
            tables.append(FigureTable("quiet", "Learners not active in the program for 14 days",
                                      [("username", "Username"), ("name", "Name"), ("last_active", "Last active")],
                                      quiet.map { [.text($0.account.username), .text($0.account.name), $0.lastActive.map { .day($0) } ?? .text("never")] }))
        }
        return tables
    }

    // MARK: The organization

    static func organization(_ a: OrganizationAnalytics) -> [FigureTable] {
        [
            dailyActive(a.daily),
            weeklyReturn(a.weeklyReturn),
            FigureTable("programs", "Programs side by side: learners, activity over the last 8 complete weeks, return rate",
                        [("program", "Program"), ("hashtag", "Hashtag"), ("learners", "Learners"), ("active_last_week", "Active last week"),
                         ("active_8_weeks", "Active, each of the last 8 weeks"), ("weekly_return", "Return rate (latest week)")],
                        a.programs.map { p in [.text(p.program.title), .text("#" + p.program.hashtag), .count(p.learners),
                                               .count(p.weeklyActive.last?.learners ?? 0), .text(p.weeklyActive.map { String($0.learners) }.joined(separator: " ")),
                                               .share(p.weeklyReturn.knownRate)] }),
            FigureTable("hashtags", "Busiest hashtags in the last 7 days of the period", [("hashtag", "Hashtag"), ("posts", "Posts")],
                        a.hashtags.map { [.text("#" + $0.hashtag), .count($0.posts)] }),
            FigureTable("members", "Members: joined each week, and in all", [("week", "Week of"), ("joined", "Joined"), ("total", "Members")],
                        a.members.map { [.day($0.week), .count($0.joined), .count($0.total)] }),
        ]
    }
}
