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
    // Ask before deleting.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    """#
}
