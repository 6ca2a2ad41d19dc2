// cables: keyboard navigation for the search pages. "/" focuses the query box, j/k move
// through the hits, Enter opens the current one. The pages work without this script.
// Content-Security-Policy violations are counted into <html data-csp-violations> so that
// tests (and curious readers) can see that none happened.
(function () {
  "use strict";
  var root = document.documentElement;
  root.dataset.cspViolations = "0";
  document.addEventListener("securitypolicyviolation", function (event) {
    root.dataset.cspViolations = String(Number(root.dataset.cspViolations || "0") + 1);
    root.dataset.cspLast = event.violatedDirective + " " + (event.blockedURI || "");
  });

  var current = -1;

  function hits() {
    return Array.prototype.slice.call(document.querySelectorAll("ol.hits > li.hit"));
  }

  function select(index) {
    var list = hits();
    if (list.length === 0) {
      return;
    }
    index = Math.max(0, Math.min(list.length - 1, index));
    list.forEach(function (hit, position) {
      hit.classList.toggle("current", position === index);
    });
    current = index;
    var link = list[index].querySelector("a.hit-link");
    if (link) {
      link.focus({ preventScroll: true });
    }
    list[index].scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" ||
      (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (typing(event.target)) {
      if (event.key === "Escape") {
        event.target.blur();
      }
      return;
    }
    var box = document.getElementById("q");
    if (event.key === "/" && box) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === "j") {
      event.preventDefault();
      select(current + 1);
    } else if (event.key === "k") {
      event.preventDefault();
      select(current < 0 ? 0 : current - 1);
    } else if (event.key === "Enter" && current >= 0) {
      var hit = hits()[current];
      var link = hit && hit.querySelector("a.hit-link");
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    }
  });
  root.dataset.keys = "ready";
})();
