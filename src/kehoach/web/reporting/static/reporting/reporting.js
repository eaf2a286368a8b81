// The unit report form: htmx autosaves the draft; a conflict (409) or a refused save (400)
// still shows its message in the status line instead of being dropped as an error.
(function () {
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 400) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
  // Saving or submitting the form waits for an autosave in flight (its answer carries the new
  // version number), and no autosave starts once the form is on its way.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "report-form") return;
    if (form.classList.contains("htmx-request")) {
      event.preventDefault();
      var submitter = event.submitter;
      form.addEventListener("htmx:afterRequest", function () { form.requestSubmit(submitter); }, { once: true });
      return;
    }
    form.dataset.submitting = "1";
  });
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target.closest && event.target.closest("#report-form");
    if (form && form.dataset.submitting) event.preventDefault();
  });
  // "Không thực hiện" needs a reason: show its field when that status is chosen.
  function sync(select) {
    var box = document.getElementById(select.dataset.reason);
    if (box) box.hidden = select.value !== "khong_thuc_hien" && !box.querySelector("textarea").value;
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-reason]")) sync(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-reason]").forEach(sync);
  });
})();
