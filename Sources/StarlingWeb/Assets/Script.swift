/// Small progressive enhancements; every page works without them.
enum Script {
    static let js = #"""
    // Live character counter for every textarea with data-max.
    document.querySelectorAll("textarea[data-max]").forEach(function (area) {
      var max = parseInt(area.dataset.max, 10);
      var out = document.getElementById(area.id + "-counter");
      if (!out) return;
      var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter() : null;
      function count(text) { return segmenter ? Array.from(segmenter.segment(text)).length : Array.from(text).length; }
      function update() {
        var left = max - count(area.value.trim());
        out.textContent = left + " characters left";
        out.classList.toggle("over", left < 0);
      }
      area.addEventListener("input", update);
      update();
    });
    // A form sent back with a problem: bring its summary into view and focus, for screen readers too.
    (function () {
      var errors = document.getElementById("form-errors");
      if (errors) { errors.scrollIntoView({ block: "center" }); errors.focus(); }
    })();
    // Long lists (time zones) get a box that filters them by what is typed.
    document.querySelectorAll("select[data-searchable]").forEach(function (select) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "zone-filter";
      box.placeholder = "Type to find a " + select.dataset.searchable + " (Berlin, New York…)";
      box.setAttribute("aria-label", "Find a " + select.dataset.searchable);
      box.setAttribute("aria-controls", select.id);
      select.parentNode.insertBefore(box, select);
      box.addEventListener("input", function () {
        var words = box.value.toLowerCase().replace(/_/g, " ").trim(), first = null;
        select.querySelectorAll("option").forEach(function (option) {
          var match = !words || option.textContent.toLowerCase().indexOf(words) >= 0;
          option.hidden = !match;
          if (match && !first && option.value) first = option;
        });
        select.querySelectorAll("optgroup").forEach(function (group) {
          group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
        });
        if (first && words) first.selected = true;
      });
    });
    // A chat script's rows: add and remove rows in place (without JavaScript, "Add more rows" asks the server).
    (function () {
      var list = document.getElementById("script-rows");
      if (!list) return;
      var add = list.parentNode.querySelector("button[name=add_rows]");
      function renumber() {
        list.querySelectorAll(".script-row").forEach(function (row, index) {
          var n = index + 1;
          row.querySelectorAll("label")[0].textContent = "Minute of question " + n;
          row.querySelectorAll("label")[1].textContent = "Question " + n;
          row.querySelector("input[name=question_text]").placeholder = "Question " + n;
          row.querySelectorAll("input").forEach(function (input, i) {
            input.id = (i === 0 ? "question-minute-" : "question-text-") + n;
            row.querySelectorAll("label")[i].htmlFor = input.id;
          });
        });
      }
      function wire(row) {
        var remove = row.querySelector(".remove-row");
        remove.hidden = false;
        remove.setAttribute("aria-label", "Remove this question");
        remove.addEventListener("click", function () {
          if (list.children.length > 1) { row.remove(); } else { row.querySelectorAll("input").forEach(function (i) { i.value = ""; }); }
          renumber();
        });
      }
      list.querySelectorAll(".script-row").forEach(wire);
      add.textContent = "Add a question";
      add.type = "button";
      add.addEventListener("click", function () {
        var row = list.lastElementChild.cloneNode(true);
        row.querySelectorAll("input").forEach(function (input) { input.value = ""; input.removeAttribute("aria-invalid"); });
        list.appendChild(row);
        wire(row);
        renumber();
        row.querySelector("input").focus();
      });
    })();
    // Ask before deleting.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    // A tweetchat's live page: apply the server's stream (new questions and posts, edits,
    // highlights, deletions), filter by question, newest first, pause scrolling, post without leaving the page.
    (function () {
      var live = document.getElementById("live");
      if (!live || !window.EventSource) return;
      var filter = document.getElementById("live-filter"), newest = document.getElementById("live-newest");
      var pause = document.getElementById("live-pause"), missed = document.getElementById("live-missed");
      var compose = document.getElementById("live-compose"), question = document.getElementById("live-question");
      var marker = document.getElementById("live-marker"), general = document.getElementById("live-general");
      var latest = question ? question.value : "", hints = {}, paused = false, unseen = 0;
      function fragment(html) { var t = document.createElement("template"); t.innerHTML = html; return t.content.firstElementChild; }
      function applyFilter() {
        var shown = filter.value;
        live.querySelectorAll(".live-question").forEach(function (section) {
          section.hidden = shown !== "all" && section.dataset.question !== shown;
        });
        if (question) {
          question.value = /^[0-9]+$/.test(shown) ? shown : latest;
          if (marker && hints[question.value]) marker.textContent = hints[question.value];
        }
      }
      function reveal(element) {
        if (paused) { unseen += 1; missed.textContent = unseen + " new while paused"; return; }
        element.scrollIntoView({ block: "nearest" });
      }
      filter.addEventListener("change", applyFilter);
      newest.addEventListener("change", function () { live.classList.toggle("newest", newest.checked); });
      pause.addEventListener("click", function () {
        paused = !paused;
        pause.setAttribute("aria-pressed", String(paused));
        pause.textContent = paused ? "Resume scrolling" : "Pause scrolling";
        if (!paused) { unseen = 0; missed.textContent = ""; }
      });
      if (marker && latest) hints[latest] = marker.textContent;
      var stream = new EventSource(live.dataset.stream);
      stream.addEventListener("question", function (event) {
        var data = JSON.parse(event.data), section = fragment(data.html);
        live.insertBefore(section, general);
        var option = document.createElement("option");
        option.value = String(data.number);
        option.textContent = "Q" + data.number + " only";
        filter.insertBefore(option, filter.querySelector('option[value="general"]'));
        latest = String(data.number);
        hints[latest] = data.hint;
        applyFilter();
        reveal(section);
      });
      stream.addEventListener("post", function (event) {
        var data = JSON.parse(event.data);
        var section = document.getElementById(data.question === "general" ? "live-general" : "live-q" + data.question) || general;
        var post = fragment(data.html);
        section.querySelector(".live-posts").appendChild(post);
        if (!section.hidden) reveal(post);
      });
      stream.addEventListener("highlights", function (event) {
        var data = JSON.parse(event.data), box = document.getElementById("live-highlights");
        box.replaceWith(fragment(data.html));
        live.querySelectorAll(".live-post").forEach(function (post) {
          post.classList.toggle("highlighted", data.ids.indexOf(post.dataset.id) >= 0);
        });
      });
      stream.addEventListener("edit", function (event) {
        var data = JSON.parse(event.data), post = live.querySelector('.live-post[data-id="' + data.id + '"]');
        if (post) post.replaceWith(fragment(data.html));
      });
      stream.addEventListener("delete", function (event) {
        var post = live.querySelector('.live-post[data-id="' + JSON.parse(event.data).id + '"]');
        if (post) post.remove();
      });
      // Post and highlight in place; the stream brings the result back.
      function sendInPlace(form, done) {
        fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), redirect: "manual", credentials: "same-origin" })
          .then(function (response) {
            if (response.ok || response.type === "opaqueredirect") { done(); return; }
            return response.text().then(function (page) {
              var message = new DOMParser().parseFromString(page, "text/html").querySelector("#error-title + p");
              window.alert(message ? message.textContent : "That did not work (" + response.status + ").");
            });
          });
      }
      if (compose) compose.addEventListener("submit", function (event) {
        event.preventDefault();
        sendInPlace(compose, function () { compose.reset(); applyFilter(); });
      });
      live.addEventListener("submit", function (event) {
        if (!event.target.classList.contains("live-highlight")) return;
        event.preventDefault();
        var on = event.target.querySelector('input[name="on"]');
        sendInPlace(event.target, function () {
          var nowOn = on.value === "1";
          on.value = nowOn ? "0" : "1";
          event.target.querySelector("button").textContent = nowOn ? "Remove the highlight" : "Highlight";
        });
      });
    })();
    // An ask-the-expert queue: when its questions change, show them afresh, unless the person is in the
    // middle of writing an answer (then a link offers the new version).
    (function () {
      var queue = document.getElementById("expert-queue");
      if (!queue || !window.EventSource) return;
      function writing() {
        return Array.prototype.some.call(queue.querySelectorAll("textarea"), function (area) {
          return area.value.trim() !== "" && area.value !== area.defaultValue;
        });
      }
      function refresh() {
        fetch(window.location.pathname, { credentials: "same-origin" }).then(function (response) { return response.text(); })
          .then(function (page) {
            var fresh = new DOMParser().parseFromString(page, "text/html").getElementById("expert-queue");
            if (fresh) queue.innerHTML = fresh.innerHTML;
          });
      }
      new EventSource(queue.dataset.stream).addEventListener("changed", function () {
        if (!writing()) { refresh(); return; }
        if (document.getElementById("queue-changed")) return;
        var notice = document.createElement("p");
        notice.id = "queue-changed";
        notice.className = "notice";
        notice.innerHTML = 'The questions changed. <a href="">Show them</a> (your unsent answer will be lost).';
        queue.parentNode.insertBefore(notice, queue);
      });
    })();
    """#
}
