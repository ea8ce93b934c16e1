import Foundation
import StarlingCore

/// The getting-started checklist on a new member's home: each step done or to do, with what to do next.
enum GettingStartedView {
    static func card(_ list: GettingStartedService.Checklist, _ page: PageContext) -> HTML {
        let followGoal = GettingStartedService.hashtagsToFollow
        let steps: [(done: Bool, title: HTML, detail: HTML)] = [
            (list.profileComplete, "<a href=\"/settings/profile\">Complete your profile</a>",
             "Add a short bio or a picture, so people know who they are learning with."),
            (!list.joined.isEmpty, "Join a program", list.joined.isEmpty ? programs(list.openPrograms) : "You are in \(names(list.joined))."),
            (list.introduced, list.joined.first.map { "<a href=\"/programs/\($0.id)/introductions\">Introduce yourself in \($0.title)</a>" }
                ?? "Introduce yourself in your program", "Say who you are and one challenge you are working on."),
            (list.followedTags >= followGoal, "Follow a few hashtags (\(min(list.followedTags, followGoal)) of \(followGoal))",
             tags(list.suggestedTags, page)),
            (list.comingToAnEvent, "<a href=\"/events\">See upcoming events</a>", events(list.upcoming, page)),
        ]
        let done = steps.filter(\.done).count
        let items = steps.map { step -> HTML in
            """
            <li class="\(step.done ? "done" : "todo")"><span class="check" aria-hidden="true">\(step.done ? "✓" : "○")</span>
              <div><span class="visually-hidden">\(step.done ? "Done:" : "To do:")</span> <strong>\(step.title)</strong>
              \(HTML.when(!step.done, "<div class=\"small\">\(step.detail)</div>"))</div></li>
            """
        }
        return """
            <section class="card checklist" aria-labelledby="getting-started">
              <h2 id="getting-started">Getting started</h2>
              <p class="muted small"><label for="getting-started-progress">\(done) of \(steps.count) done</label>
                <progress id="getting-started-progress" max="\(steps.count)" value="\(done)">\(done) of \(steps.count)</progress></p>
              <ol class="plain">\(items)</ol>
            </section>
            """
    }

    private static func names(_ programs: [Program]) -> HTML {
        EventPages.joined(programs.map { "<a href=\"/programs/\($0.id)\">\($0.title)</a>" as HTML })
    }

    private static func programs(_ open: [Program]) -> HTML {
        guard !open.isEmpty else { return "No open programs yet: <a href=\"/programs\">see the programs</a> or ask a facilitator to add you." }
        return "Learn with a cohort: \(names(Array(open.prefix(3)))), or <a href=\"/programs\">all programs</a>."
    }

    /// Suggested hashtags, each with a button that follows it and comes back home.
    private static func tags(_ suggested: [Tag], _ page: PageContext) -> HTML {
        guard !suggested.isEmpty else { return "Find hashtags through <a href=\"/search\">search</a> and follow them from their page." }
        let buttons = suggested.map { tag -> HTML in
            """
            <form method="post" action="/tags/\(tag.name)/follow" class="inline">\(Layout.csrfField(page.csrfToken))
              <input type="hidden" name="on" value="1"><input type="hidden" name="return" value="/">
              <button class="button secondary small-button" type="submit" aria-label="Follow #\(tag.name)">+ #\(tag.name)</button></form>
            """
        }
        return "The busiest here: \(buttons)"
    }

    private static func events(_ upcoming: [(Event, EventOccurrence)], _ page: PageContext) -> HTML {
        guard !upcoming.isEmpty else { return "Nothing planned yet; tweetchats and ask-the-expert sessions will be listed on <a href=\"/events\">Events</a>." }
        let items = upcoming.map { event, next -> HTML in
            "<li><a href=\"/events/\(event.id)\">\(event.title)</a> · \(TimeViews.eventTime(next.startsAt, eventZone: event.timeZone, page))</li>"
        }
        return "Say you will come to one: <ul>\(items)</ul>"
    }
}
