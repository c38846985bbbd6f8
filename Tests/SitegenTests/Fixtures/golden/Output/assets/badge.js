// sitegen default theme: copy buttons and the verification panel. Loaded as an external file
// (no inline script or handler), so a strict Content-Security-Policy works. Every page is
// complete without it: the controls it drives are `hidden` until it runs, or made by it.
(function () {
  "use strict";

  // ---- copy buttons ----
  // Made here, since they work only with the script: one after each element marked
  // data-copy="Copy" (the button's label), named after the element's label for screen readers;
  // a snippet's goes in its heading. The "Copied" message is the data-copied of its section.

  function textOf(element) {
    return "value" in element && typeof element.value === "string" ? element.value : element.textContent;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-http previews: select the text and use the legacy command.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (target) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = target.tagName === "INPUT" ? "button copy-button" : "copy-button link-button";
    var label = document.querySelector('label[for="' + target.id + '"]') || document.getElementById(target.id + "-label");
    function caption() {
      button.textContent = target.getAttribute("data-copy");
      if (!label) { return; }
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = " " + label.textContent;
      button.appendChild(name);
    }
    caption();
    var section = target.closest("[data-copied]");
    var copied = section ? section.getAttribute("data-copied") : "\u2713";
    var snippet = target.closest(".snippet");
    var head = snippet && snippet.querySelector(".snippet-head");
    if (head) { head.appendChild(button); } else { target.insertAdjacentElement("afterend", button); }
    var timer = 0;
    button.addEventListener("click", function () {
      copyText(textOf(target)).then(function () {
        button.textContent = copied;
        button.classList.add("is-copied");
        clearTimeout(timer);
        timer = setTimeout(function () {
          caption();
          button.classList.remove("is-copied");
        }, 2000);
      }, function () {
        // Copying was refused: select the text so the visitor can copy it by hand.
        if (target.select) { target.select(); }
      });
    });
  });

  // Read-only fields select their whole text on focus, for copying by hand on a phone.
  Array.prototype.forEach.call(document.querySelectorAll("input[readonly], textarea[readonly]"), function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });

  // ---- verification panel ----

  var panel = document.getElementById("verify");
  if (!panel) { return; }
  var data = panel.dataset;
  var latest = { salt: data.salt, identity: data.identity };

  function message(name) { return data["msg" + name] || ""; }

  function resultItem(list, passed, text) {
    var item = document.createElement("li");
    item.className = "check " + (passed ? "check-ok" : "check-fail");
    var state = document.createElement("span");
    state.className = "visually-hidden";
    state.textContent = (passed ? message("Passed") : message("Failed")) + ": ";
    item.appendChild(state);
    item.appendChild(document.createTextNode(text));
    list.appendChild(item);
    return passed;
  }

  function fetchJSON(url) {
    return fetch(url, { cache: "no-store", credentials: "omit" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + url); }
      return response.json();
    });
  }

  function idOf(value) {
    return value && typeof value === "object" ? value.id : value;
  }

  // Whether bit `index` of an Open Badges 3.0 status list is set (revoked). The list's
  // encodedList is multibase base64url ("u…") of the GZIP-compressed bits, the first entry in
  // the highest bit of the first byte (W3C Bitstring Status List).
  function statusBit(url, index) {
    return fetchJSON(url).then(function (list) {
      var encoded = ((list.credentialSubject || {}).encodedList || "").replace(/^u/, "").replace(/-/g, "+").replace(/_/g, "/");
      while (encoded.length % 4) { encoded += "="; }
      var text = atob(encoded);
      var bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer();
    }).then(function (buffer) {
      var bits = new Uint8Array(buffer);
      if (index < 0 || (index >> 3) >= bits.length) { throw new Error("status index out of range"); }
      return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
    });
  }

  var live = panel.querySelector(".live-check");
  if (live && window.fetch && window.Promise) {
    live.hidden = false;
    var button = live.querySelector(".verify-button");
    var list = live.querySelector(".live-results");
    var summary = live.querySelector(".live-summary");
    button.addEventListener("click", function () {
      button.disabled = true;
      list.textContent = "";
      summary.className = "live-summary";
      summary.textContent = message("Running");
      var loads = [fetchJSON(data.assertion), fetchJSON(data.badge), fetchJSON(data.issuer)];
      if (data.statusList && window.DecompressionStream && window.Blob && window.Response) {
        loads.push(statusBit(data.statusList, parseInt(data.statusIndex, 10)));
      }
      Promise.all(loads).then(function (documents) {
        var assertion = documents[0], badge = documents[1], issuer = documents[2];
        if (assertion.recipient) {
          latest = { salt: assertion.recipient.salt || "", identity: assertion.recipient.identity || "" };
        }
        var verification = assertion.verification || {};
        var ok = true;
        ok = resultItem(list, assertion.id === data.assertionId && assertion.type === "Assertion" &&
          verification.type === "hosted", message("Assertion")) && ok;
        ok = resultItem(list, badge.id === data.badgeId && idOf(assertion.badge) === badge.id, message("Badge")) && ok;
        ok = resultItem(list, issuer.id === data.issuerId && idOf(badge.issuer) === issuer.id, message("Issuer")) && ok;
        ok = resultItem(list, assertion.revoked !== true, message("NotRevoked")) && ok;
        var expires = assertion.expires ? Date.parse(assertion.expires) : NaN;
        ok = resultItem(list, !assertion.expires || (!isNaN(expires) && expires > Date.now()), message("NotExpired")) && ok;
        if (documents.length > 3) { ok = resultItem(list, documents[3] === false, message("Status")) && ok; }
        summary.textContent = ok ? message("Ok") : message("Fail");
        summary.className = "live-summary " + (ok ? "result-ok" : "result-fail");
      }).catch(function () {
        summary.textContent = message("FetchFailed");
        summary.className = "live-summary result-fail";
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  // The recipient is published as sha256$hex(SHA-256(normalized email + salt)); the same
  // normalization as sitegen's: surrounding white space removed, lower case.
  var form = panel.querySelector(".email-check");
  if (form) {
    form.hidden = false;
    var input = form.querySelector("input[type=email]");
    var result = form.querySelector(".email-result");
    var subtle = window.crypto && window.crypto.subtle;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!subtle || !window.TextEncoder) {
        result.textContent = message("Unsupported");
        result.className = "email-result result-fail";
        return;
      }
      var email = input.value.trim().toLowerCase();
      if (!email) { return; }
      subtle.digest("SHA-256", new TextEncoder().encode(email + latest.salt)).then(function (digest) {
        var hex = Array.prototype.map.call(new Uint8Array(digest), function (byte) {
          return (byte < 16 ? "0" : "") + byte.toString(16);
        }).join("");
        var expected = String(latest.identity).toLowerCase().replace(/^sha256\$/, "");
        var match = hex === expected;
        result.textContent = match ? message("Match") : message("NoMatch");
        result.className = "email-result " + (match ? "result-ok" : "result-fail");
      }, function () {
        result.textContent = message("Unsupported");
        result.className = "email-result result-fail";
      });
    });
  }
})();
