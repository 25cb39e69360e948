// Show each event's times in the visitor's own time zone, next to the event's zone that the
// server rendered. The label comes from the template (data-label), already translated.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  var lang = document.documentElement.lang || undefined;
  var day = new Intl.DateTimeFormat(lang, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
  });
  var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  var dateKey = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });
  document.querySelectorAll("[data-event-local]").forEach(function (el) {
    if (el.dataset.zone === zone) return;
    var start = new Date(el.dataset.start);
    var end = new Date(el.dataset.end);
    if (isNaN(start) || isNaN(end)) return;
    var sameDay = dateKey.format(start) === dateKey.format(end);
    var text = day.format(start) + "–" + (sameDay ? time.format(end) : day.format(end));
    el.textContent = (el.dataset.label ? el.dataset.label + " " : "") + text + " (" + zone.replace(/_/g, " ") + ")";
    el.hidden = false;
  });
})();
