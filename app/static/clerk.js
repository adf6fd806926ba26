// Clerk's office: follow the progress of queued and running jobs without reloading.
// Polls each job's JSON every 2 s; when a job finishes, reloads the page once to show its results.
(function () {
  "use strict";
  var ACTIVE = { queued: true, running: true };
  var INTERVAL_MS = 2000;

  function update(box, job) {
    var bar = box.querySelector("progress");
    if (bar) {
      bar.value = job.progress;
      bar.textContent = job.progress + "%";
    }
    var state = box.querySelector(".clerk-job-state");
    if (state) state.textContent = job.state;
    var message = box.querySelector(".clerk-job-message");
    if (message) message.textContent = job.message || "";
    var error = box.querySelector(".clerk-job-error");
    if (error) {
      error.textContent = job.error || "";
      error.hidden = !job.error;
    }
    box.setAttribute("data-job-state", job.state);
  }

  function poll(box, onFinished) {
    var url = box.getAttribute("data-job-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (job) {
        update(box, job);
        if (ACTIVE[job.state]) {
          window.setTimeout(function () { poll(box, onFinished); }, INTERVAL_MS);
        } else {
          onFinished();
        }
      })
      .catch(function () {
        // A network blip or a restart: try again a little later.
        window.setTimeout(function () { poll(box, onFinished); }, INTERVAL_MS * 3);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = Array.prototype.filter.call(
      document.querySelectorAll(".clerk-progress[data-job-url]"),
      function (box) { return ACTIVE[box.getAttribute("data-job-state")]; }
    );
    var reloaded = false;
    function finished() {
      if (reloaded) return;
      reloaded = true;
      window.location.reload();
    }
    boxes.forEach(function (box) {
      window.setTimeout(function () { poll(box, finished); }, INTERVAL_MS);
    });
  });
})();
