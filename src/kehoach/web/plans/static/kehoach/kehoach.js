// Review page: selecting a task highlights its passage in the source, and the other way round.
// Plain JavaScript, no dependencies; the page works without it (the passage is also on the task page).
(function () {
  function select(id, scrollCard) {
    document.querySelectorAll("mark.active, .task-card.active").forEach(function (el) { el.classList.remove("active"); });
    var mark = document.getElementById("src-" + id);
    var card = document.getElementById("task-" + id);
    if (mark) { mark.classList.add("active"); mark.scrollIntoView({ block: "center", behavior: "smooth" }); }
    if (card) { card.classList.add("active"); if (scrollCard) card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".select-task");
    if (button) { select(button.dataset.task, false); return; }
    var mark = event.target.closest("pre.source mark");
    if (mark) { select(mark.dataset.task, true); }
  });
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
  document.addEventListener("DOMContentLoaded", function () {
    var hash = window.location.hash.match(/^#task-(\d+)$/);
    if (hash) select(hash[1], true);
  });
})();
